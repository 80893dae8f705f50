import type { Feature } from '../ui/feature';
import { WorkList } from './WorkList';

export const workListFeature: Feature = {
  routes: [{ path: /^\/?$/, title: 'workListTitle', render: (_, session) => <WorkList session={session} /> }],
  // Everyone signed in has a work list, even if some of its lists are not for their roles.
  nav: [{ to: '/', label: 'navWorkList', roles: ['case-handler', 'allocator', 'authority-administrator', 'coordinator', 'observer', 'data-protection-contact'] }],
};
