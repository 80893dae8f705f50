import type { Feature } from '../ui/feature';

export const adminFeature: Feature = {
  routes: [],
  nav: [],
};
