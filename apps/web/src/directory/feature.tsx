import type { Feature } from '../ui/feature';
import { DirectorySearch } from './DirectorySearch';

/** The directory search, for every signed-in user (the node admits every role to it). */
export const directoryFeature: Feature = {
  routes: [{ path: /^\/directory\/?$/, title: 'directory.title', render: () => <DirectorySearch /> }],
  nav: [{
    to: '/directory', label: 'directory.nav',
    roles: ['case-handler', 'allocator', 'authority-administrator', 'coordinator', 'observer', 'data-protection-contact'],
  }],
};
