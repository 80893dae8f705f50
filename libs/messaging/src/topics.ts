/** Topic names, prefixed so several networks (or test runs) can share one cluster. */
export interface Topics {
  ingress: string;
  broadcast: string;
  rejected: string;
  inbox(country: string): string;
}

export function topicNames(prefix = ''): Topics {
  return {
    ingress: `${prefix}hub.ingress`,
    broadcast: `${prefix}hub.broadcast`,
    rejected: `${prefix}hub.rejected`,
    inbox: (country) => `${prefix}node.${country}.inbox`,
  };
}

/** Message key of the trust list on the compacted broadcast topic. */
export const TRUST_LIST_KEY = 'trust-list';

/** Message key of the question catalogue on the compacted broadcast topic. */
export const CATALOGUE_KEY = 'question-catalogue';

/** Message key of one member state's part of the directory: one compacted record per state. */
export const directoryKey = (country: string) => `directory.${country}`;
export const DIRECTORY_KEY_PREFIX = 'directory.';
