import { api, read } from '../api/client';
import type { components } from '../api/schema';

/** The directory's calls, typed from the node's OpenAPI document (schema.d.ts). */
export type DirectoryResult = components['schemas']['DirectoryResult'];
export type AuthorityView = components['schemas']['AuthorityView'];
export type DirectoryQuery = { q?: string; country?: string; legislativeArea?: string; limit?: number };

/** Every member state's active authorities matching the words (any language), the name in the reader's language. */
export const searchDirectory = (query: DirectoryQuery) =>
  read<DirectoryResult[]>(api.GET('/directory', { params: { query } }));

/** The network's authorities (trust list), for the member states there are and their coordinators. */
export const listAuthorities = (query: { country?: string; legislativeArea?: string } = {}) =>
  read<AuthorityView[]>(api.GET('/authorities', { params: { query } }));

/** The language of the name the directory chose, for `lang` (screen readers pronounce it right). */
export const nameLanguage = (result: Pick<DirectoryResult, 'name' | 'names'>): string | undefined =>
  Object.entries(result.names).find(([, name]) => name === result.name)?.[0];

/** The Commission takes part as a node under this code; it is not a country. */
export const COMMISSION_NODE = 'EC';
