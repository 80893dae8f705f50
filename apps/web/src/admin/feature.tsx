import type { Feature } from '../ui/feature';
import { NewRegistrationScreen } from './screens/NewRegistrationScreen';
import { NewUserScreen } from './screens/NewUserScreen';
import { RegistrationScreen } from './screens/RegistrationScreen';
import { RegistrationsScreen } from './screens/RegistrationsScreen';
import { StatisticsScreen } from './screens/StatisticsScreen';
import { UsersScreen } from './screens/UsersScreen';

/** Administration: the authority's users (its administrator), registrations (coordinators), statistics (observers and others). */
export const adminFeature: Feature = {
  routes: [
    { path: /^\/admin\/users\/?$/, title: 'admin.usersTitle', render: (_, session) => <UsersScreen session={session} /> },
    { path: /^\/admin\/users\/new$/, title: 'admin.newUserTitle', render: () => <NewUserScreen /> },
    { path: /^\/admin\/registrations\/?$/, title: 'admin.registrationsTitle', render: () => <RegistrationsScreen /> },
    { path: /^\/admin\/registrations\/new$/, title: 'admin.newRegistrationTitle', render: (_, session) => <NewRegistrationScreen session={session} /> },
    // Authority ids are public organisation data, not personal data: fine in the address.
    { path: /^\/admin\/registrations\/(?<id>[A-Z]{2}-[A-Z0-9-]{1,62})$/, title: 'admin.registrationTitle', render: ({ id }) => <RegistrationScreen id={id} /> },
    { path: /^\/admin\/statistics\/?$/, title: 'admin.statisticsTitle', render: () => <StatisticsScreen /> },
  ],
  nav: [
    { to: '/admin/users', label: 'admin.navUsers', roles: ['authority-administrator'] },
    { to: '/admin/registrations', label: 'admin.navRegistrations', roles: ['coordinator'] },
    { to: '/admin/statistics', label: 'admin.navStatistics', roles: ['coordinator', 'observer', 'data-protection-contact', 'authority-administrator'] },
  ],
};
