import { RequestList } from '../screens/RequestList';
import { RequestPage } from '../screens/RequestPage';
import type { Feature } from '../ui/feature';

export const requestsFeature: Feature = {
  routes: [
    { path: /^\/requests\/?$/, title: 'requestsTitle', render: () => <RequestList /> },
    { path: /^\/requests\/(?<id>[0-9a-f-]{36})$/, title: 'requestTitle', render: ({ id }, session) => <RequestPage id={id} session={session} /> },
  ],
  nav: [{ to: '/requests', label: 'navRequests', roles: ['case-handler', 'allocator'] }],
};
