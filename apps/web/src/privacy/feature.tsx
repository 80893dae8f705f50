import type { Feature } from '../ui/feature';

export const privacyFeature: Feature = {
  routes: [],
  nav: [],
};
