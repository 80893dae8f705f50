import type { Feature } from '../ui/feature';

export const directoryFeature: Feature = {
  routes: [],
  nav: [],
};
