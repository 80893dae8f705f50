import { EU_LANGUAGES } from './catalogue';
import { InvalidRequest } from './errors';

/**
 * The registration chain of a member state (privacy-rules.md, "Actors"): the hub operator
 * registers the node and its national coordinator; the national coordinator registers and
 * validates delegated coordinators and competent authorities; a delegated coordinator does so
 * for competent authorities within its region and legislative areas. Authorities can be
 * suspended, reinstated and removed; a removed one is never reused, and its history stays.
 * Pure rules, no I/O: the node applies them, and the hub checks them again on what it receives.
 */
export type AuthorityKind = 'competent-authority' | 'national-coordinator' | 'delegated-coordinator';

export type RegistrationStatus = 'registered' | 'active' | 'suspended' | 'removed';

export type RegistrationAction = 'validate' | 'suspend' | 'reinstate' | 'remove';

/** Organisation data only: what the directory shows of an authority. */
export interface DirectoryData {
  /** The authority's name in the languages it gave, by ISO 639-1 code; at least one. */
  names: Record<string, string>;
  /** The organisation's postal address; null where none was given. */
  address: { street: string | null; postalCode: string | null; city: string; country: string } | null;
  legislativeAreas: string[];
  /** What it is competent for and words it is known by, per language. */
  keywords: Record<string, string[]>;
  /** The professions or activities it covers (e.g. "medical doctor", "architect"). */
  professions: string[];
  /** The region it serves, for regional and local authorities. */
  region: string | null;
}

/** A coordinator as far as the chain cares: who it is and what it covers. */
export interface Registrant {
  id: string;
  node: string;
  kind: AuthorityKind;
  status: string;
  legislativeAreas: string[];
  region: string | null;
}

export type RegistrationRefusalCode = 'not-a-coordinator' | 'outside-scope' | 'transition-not-allowed' | 'not-changeable';

export class RegistrationRefused extends Error {
  constructor(
    readonly code: RegistrationRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'RegistrationRefused';
  }
}

/** Names and keywords may be given in any EU language, and in Icelandic and Norwegian for the EEA states. */
export const DIRECTORY_LANGUAGES: readonly string[] = [...EU_LANGUAGES, 'is', 'no'];

/** An authority id names its member state first: `FR-CNOM`. */
export const AUTHORITY_ID = /^[A-Z]{2}-[A-Z0-9][A-Z0-9-]{0,62}$/;

/**
 * May `actor` register, validate, suspend, reinstate or remove `target`? The national
 * coordinator: anything of its own member state. A delegated coordinator: competent
 * authorities only, all of whose areas it covers, and in its region when it has one.
 */
export function checkRegistrant(actor: Registrant | undefined, target: { node: string; kind: AuthorityKind; legislativeAreas: string[]; region: string | null }): void {
  if (!actor || actor.status !== 'active' || actor.node !== target.node || (actor.kind !== 'national-coordinator' && actor.kind !== 'delegated-coordinator')) {
    throw new RegistrationRefused('not-a-coordinator', 'only an active coordinator of the same member state registers and validates its authorities');
  }
  if (target.kind === 'national-coordinator') throw new RegistrationRefused('not-changeable', 'the national coordinator is registered by the hub operator');
  if (actor.kind === 'national-coordinator') return;
  if (target.kind !== 'competent-authority') throw new RegistrationRefused('outside-scope', 'only the national coordinator registers delegated coordinators');
  const outside = target.legislativeAreas.filter((a) => !actor.legislativeAreas.includes(a));
  if (outside.length > 0) throw new RegistrationRefused('outside-scope', `${actor.id} does not coordinate ${outside.join(', ')}`);
  if (actor.region !== null && target.region !== actor.region) throw new RegistrationRefused('outside-scope', `${actor.id} coordinates the region ${actor.region} only`);
}

const TRANSITIONS: Record<RegistrationAction, { from: RegistrationStatus[]; to: RegistrationStatus }> = {
  validate: { from: ['registered'], to: 'active' },
  suspend: { from: ['active'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active' },
  remove: { from: ['registered', 'active', 'suspended'], to: 'removed' },
};

export function nextRegistrationStatus(status: RegistrationStatus, action: RegistrationAction): RegistrationStatus {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(status)) throw new RegistrationRefused('transition-not-allowed', `cannot ${action} an authority that is ${status}`);
  return transition.to;
}

/** A registration's status as the hub and the directory know it: a registration not validated yet is not published. */
export const PUBLISHED_STATUSES: readonly RegistrationStatus[] = ['active', 'suspended', 'removed'];

const text = (value: unknown, what: string, max: number, optional = false): string | null => {
  if ((value === undefined || value === null) && optional) return null;
  if (typeof value !== 'string' || !value.trim() || value.length > max) throw new InvalidRequest(`${what} must be 1 to ${max} characters`);
  return value.trim();
};

const language = (code: string, what: string): string => {
  if (!DIRECTORY_LANGUAGES.includes(code)) throw new InvalidRequest(`${what}: ${code.slice(0, 10)} is not an EU/EEA language code`);
  return code;
};

/** Checks directory data as given (by a coordinator, or in a node's publication at the hub). */
export function checkDirectoryData(raw: unknown, knownAreas: readonly string[]): DirectoryData {
  if (typeof raw !== 'object' || raw === null) throw new InvalidRequest('directory data must be an object');
  const r = raw as Record<string, any>;
  if (typeof r.names !== 'object' || r.names === null || Object.keys(r.names).length === 0) throw new InvalidRequest('names needs at least one language');
  const names = Object.fromEntries(Object.entries(r.names).map(([lang, name]) => [language(lang, 'names'), text(name, `names.${lang}`, 300)!]));
  const address = r.address === undefined || r.address === null ? null : (r.address as Record<string, unknown>);
  const country = address ? text(address.country, 'address.country', 2)! : null;
  if (country !== null && !/^[A-Z]{2}$/.test(country)) throw new InvalidRequest('address.country must be a two-letter code');
  const areas = Array.isArray(r.legislativeAreas) ? [...new Set(r.legislativeAreas as unknown[])] : [];
  if (areas.length === 0) throw new InvalidRequest('legislativeAreas needs at least one area');
  const unknown = areas.filter((a) => typeof a !== 'string' || !knownAreas.includes(a));
  if (unknown.length > 0) throw new InvalidRequest(`unknown legislative area ${String(unknown[0]).slice(0, 80)}`);
  const keywords = Object.fromEntries(
    Object.entries((r.keywords ?? {}) as Record<string, unknown>).map(([lang, words]) => {
      if (!Array.isArray(words) || words.length > 50) throw new InvalidRequest(`keywords.${lang} must be a list of at most 50`);
      return [language(lang, 'keywords'), words.map((w, i) => text(w, `keywords.${lang}[${i}]`, 100)!)];
    }),
  );
  const professions = r.professions ?? [];
  if (!Array.isArray(professions) || professions.length > 100) throw new InvalidRequest('professions must be a list of at most 100');
  return {
    names,
    address: address && { street: text(address.street, 'address.street', 200, true), postalCode: text(address.postalCode, 'address.postalCode', 20, true), city: text(address.city, 'address.city', 100)!, country: country! },
    legislativeAreas: areas as string[],
    keywords,
    professions: professions.map((p: unknown, i: number) => text(p, `professions[${i}]`, 100)!),
    region: text(r.region, 'region', 100, true),
  };
}

/** The main language of each member state's node, for names the operator gave without one. */
const NODE_LANGUAGE: Readonly<Record<string, string>> = {
  AT: 'de', BE: 'fr', BG: 'bg', CY: 'el', CZ: 'cs', DE: 'de', DK: 'da', EE: 'et', EL: 'el', ES: 'es', FI: 'fi', FR: 'fr', HR: 'hr', HU: 'hu',
  IE: 'en', IT: 'it', LT: 'lt', LU: 'fr', LV: 'lv', MT: 'mt', NL: 'nl', PL: 'pl', PT: 'pt', RO: 'ro', SE: 'sv', SI: 'sl', SK: 'sk',
  IS: 'is', LI: 'de', NO: 'no', EC: 'en',
};

export function nodeLanguage(node: string): string {
  return NODE_LANGUAGE[node] ?? 'en';
}
