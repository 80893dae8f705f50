import { adminFeature } from './admin/feature';
import { alertsFeature } from './alerts/feature';
import { directoryFeature } from './directory/feature';
import { privacyFeature } from './privacy/feature';
import { requestsFeature } from './requests/feature';
import { workListFeature } from './screens/work-list.feature';
import type { Feature, NavEntry, ScreenRoute } from './ui/feature';

/** Every capability of the application, in the order of the main navigation. */
export const FEATURES: Feature[] = [workListFeature, requestsFeature, alertsFeature, directoryFeature, privacyFeature, adminFeature];

export const ROUTES: ScreenRoute[] = FEATURES.flatMap((feature) => feature.routes);
export const NAVIGATION: NavEntry[] = FEATURES.flatMap((feature) => feature.nav);
