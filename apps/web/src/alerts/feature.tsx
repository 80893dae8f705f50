import type { Feature } from '../ui/feature';
import { AlertList } from './AlertList';
import { AlertPage } from './AlertPage';
import { SendAlert } from './SendAlert';

/** Alerts and one-to-many notifications: the roles the node admits (case handlers send, coordinators distribute, both receive). */
export const alertsFeature: Feature = {
  routes: [
    { path: /^\/alerts\/?$/, title: 'alerts.title', render: (_, session) => <AlertList session={session} /> },
    { path: /^\/alerts\/new$/, title: 'alerts.sendTitle', render: (_, session) => <SendAlert session={session} /> },
    { path: /^\/alerts\/(?<id>[0-9a-f-]{36})$/, title: 'alerts.alertTitle', render: ({ id }, session) => <AlertPage key={id} id={id} session={session} /> },
  ],
  nav: [{ to: '/alerts', label: 'alerts.nav', roles: ['case-handler', 'coordinator'] }],
};
