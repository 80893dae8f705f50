import { normaliseName } from './access';
import { InvalidRequest } from './errors';
import type { AuthorityKind, DirectoryData } from './registration';

/** One authority as the hub broadcasts it in the directory. Organisation data only. */
export interface DirectoryEntry extends DirectoryData {
  id: string;
  node: string;
  kind: AuthorityKind;
  status: 'active' | 'suspended' | 'removed';
}

/** One member state's authorities as the hub signs and broadcasts them. */
export interface DirectoryDocument {
  node: string;
  /** Hub time of the registry state it reflects, in ms: nodes keep the newest per state. */
  version: number;
  issuedAt: string;
  entries: DirectoryEntry[];
}

export interface DirectoryQuery {
  text: string | null;
  country: string | null;
  legislativeArea: string | null;
  profession: string | null;
  limit: number;
}

export interface DirectoryHit {
  entry: DirectoryEntry;
  score: number;
}

/** Longer queries are refused before any work: nobody types 200 characters into a directory search. */
export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_WORDS = 12;

export function checkDirectoryQuery(raw: { q?: unknown; country?: unknown; legislativeArea?: unknown; profession?: unknown; limit?: unknown }): DirectoryQuery {
  const optional = (value: unknown, what: string, max: number): string | null => {
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string' || value.length > max) throw new InvalidRequest(`${what} must be at most ${max} characters`);
    return value;
  };
  const limit = raw.limit === undefined ? 20 : Number(raw.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new InvalidRequest('limit must be 1 to 100');
  const text = optional(raw.q, 'q', MAX_QUERY_CHARS);
  if (text !== null && words(text).length > MAX_QUERY_WORDS) throw new InvalidRequest(`q is limited to ${MAX_QUERY_WORDS} words`);
  return {
    text,
    country: optional(raw.country, 'country', 2),
    legislativeArea: optional(raw.legislativeArea, 'legislativeArea', 100),
    profession: optional(raw.profession, 'profession', 100),
    limit,
  };
}

/** Words as the search compares them: case, accents and punctuation aside, in every alphabet. */
export function words(text: string): string[] {
  return normaliseName(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

interface Indexed {
  entry: DirectoryEntry;
  fullNames: string[];
  nameWords: string[];
  keywordWords: string[];
  professionWords: string[];
  placeWords: string[];
}

/**
 * An in-memory search over the directory of every member state's authorities (12,600 in IMI
 * today): every word of the query must match the start of a word of a name (in any of the
 * authority's languages), keyword, profession or place. Names weigh most, a whole-name match
 * most of all, so "Ordre des médecins" finds the French order first and "Ärztekammer" the
 * German chambers; an authority that gave its name in German and French is found by either.
 */
export class DirectoryIndex {
  private readonly indexed: Indexed[];

  constructor(entries: DirectoryEntry[]) {
    this.indexed = entries.filter((e) => e.status === 'active').map((entry) => ({
      entry,
      fullNames: Object.values(entry.names).map((n) => words(n).join(' ')),
      nameWords: unique(Object.values(entry.names).flatMap(words)),
      keywordWords: unique(Object.values(entry.keywords).flat().flatMap(words)),
      professionWords: unique(entry.professions.flatMap(words)),
      placeWords: unique([...(entry.address ? words(entry.address.city) : []), ...(entry.region ? words(entry.region) : [])]),
    }));
  }

  get size(): number {
    return this.indexed.length;
  }

  search(query: DirectoryQuery): DirectoryHit[] {
    const terms = query.text ? unique(words(query.text)) : [];
    const phrase = terms.join(' ');
    const profession = query.profession ? words(query.profession) : [];
    const hits: DirectoryHit[] = [];
    for (const item of this.indexed) {
      const { entry } = item;
      if (query.country && entry.node !== query.country) continue;
      if (query.legislativeArea && !entry.legislativeAreas.includes(query.legislativeArea)) continue;
      if (profession.length && !profession.every((p) => item.professionWords.some((w) => w.startsWith(p)))) continue;
      let score = 0;
      let all = true;
      for (const term of terms) {
        const s = Math.max(
          weigh(item.nameWords, term, 4, 3),
          weigh(item.keywordWords, term, 3, 2),
          weigh(item.professionWords, term, 3, 2),
          weigh(item.placeWords, term, 2, 1),
        );
        if (s === 0) {
          all = false;
          break;
        }
        score += s;
      }
      if (!all) continue;
      if (phrase && item.fullNames.some((n) => n === phrase)) score += 20;
      else if (phrase && item.fullNames.some((n) => n.startsWith(phrase))) score += 10;
      hits.push({ entry, score });
    }
    return hits
      .sort((a, b) => b.score - a.score || displayName(a.entry).localeCompare(displayName(b.entry)) || a.entry.id.localeCompare(b.entry.id))
      .slice(0, query.limit);
  }
}

/** A whole word weighs `exact`, the start of one `prefix`, no match 0. */
function weigh(candidates: string[], term: string, exact: number, prefix: number): number {
  let best = 0;
  for (const word of candidates) {
    if (word === term) return exact;
    if (word.startsWith(term)) best = prefix;
  }
  return best;
}

const unique = (list: string[]) => [...new Set(list)];

/** The name in the reader's language where the authority gave one, else English, else its first. */
export function displayName(entry: Pick<DirectoryEntry, 'names'>, language?: string | null): string {
  return (language && entry.names[language]) || entry.names.en || Object.values(entry.names)[0];
}
