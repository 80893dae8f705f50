import { RequestList } from '../screens/RequestList';
import { RequestPage } from '../screens/RequestPage';
import type { Feature } from '../ui/feature';
import { NewRequest } from './NewRequest';
import { ObservedRequests } from './ObservedRequests';

export const requestsFeature: Feature = {
  routes: [
    { path: /^\/requests\/?$/, title: 'requestsTitle', render: (_, session) => <RequestList session={session} /> },
    { path: /^\/requests\/observed$/, title: 'requests.observedTitle', render: (_, session) => <ObservedRequests session={session} /> },
    { path: /^\/requests\/new$/, title: 'requests.newTitle', render: (_, session) => <NewRequest session={session} /> },
    { path: /^\/requests\/(?<id>[0-9a-f-]{36})$/, title: 'requestTitle', render: ({ id }, session) => <RequestPage id={id} session={session} /> },
  ],
  nav: [
    { to: '/requests', label: 'navRequests', roles: ['case-handler', 'allocator'] },
    { to: '/requests/new', label: 'requests.navNew', roles: ['case-handler'] },
    { to: '/requests/observed', label: 'requests.navObserved', roles: ['observer', 'coordinator'] },
  ],
};
