import type { Feature } from '../ui/feature';

export const alertsFeature: Feature = {
  routes: [],
  nav: [],
};
