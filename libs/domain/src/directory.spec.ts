import { InvalidRequest } from './errors';
import { checkDirectoryQuery, DirectoryEntry, DirectoryIndex, displayName, MAX_QUERY_CHARS } from './directory';

const entry = (id: string, names: Record<string, string>, extra: Partial<DirectoryEntry> = {}): DirectoryEntry => ({
  id, node: id.slice(0, 2), kind: 'competent-authority', status: 'active', names,
  address: { street: null, postalCode: null, city: 'Berlin', country: id.slice(0, 2) },
  legislativeAreas: ['professional-qualifications'], keywords: {}, professions: [], region: null, ...extra,
});

const ENTRIES = [
  entry('DE-BE-AEK', { de: 'Ärztekammer Berlin', fr: 'Ordre des médecins de Berlin', en: 'Berlin Medical Association' }, { professions: ['medical doctor'], keywords: { de: ['Approbation'] } }),
  entry('DE-HH-AEK', { de: 'Ärztekammer Hamburg' }, { address: { street: null, postalCode: null, city: 'Hamburg', country: 'DE' }, professions: ['medical doctor'] }),
  entry('FR-CNOM', { fr: "Conseil national de l'Ordre des médecins" }, { address: { street: null, postalCode: null, city: 'Paris', country: 'FR' }, professions: ['médecin'] }),
  entry('PL-NIL', { pl: 'Naczelna Izba Lekarska' }, { address: { street: null, postalCode: null, city: 'Łódź', country: 'PL' } }),
  entry('FR-DGCCRF', { fr: 'Direction générale de la concurrence' }, { legislativeAreas: ['services'], address: { street: null, postalCode: null, city: 'Paris', country: 'FR' } }),
  entry('DE-OLD', { de: 'Ärztekammer Alt' }, { status: 'removed' }),
];
const index = new DirectoryIndex(ENTRIES);
const q = (text: string | null, filters: Partial<Parameters<DirectoryIndex['search']>[0]> = {}) =>
  index.search({ text, country: null, legislativeArea: null, profession: null, limit: 20, ...filters }).map((h) => h.entry.id);

describe('directory search', () => {
  it('finds an authority by its name in any language it gave', () => {
    expect(q('Ärztekammer Berlin')[0]).toBe('DE-BE-AEK');
    expect(q('ordre des médecins berlin')).toEqual(['DE-BE-AEK']);
    expect(q('Berlin Medical Association')).toEqual(['DE-BE-AEK']);
  });

  it('ignores case, accents and special letters, and matches the start of words', () => {
    // Equal scores come in name order (English where given: "Berlin Medical Association").
    expect(q('arztekammer')).toEqual(['DE-HH-AEK', 'DE-BE-AEK']);
    expect(q('ARZTEK HAMB')).toEqual(['DE-HH-AEK']);
    expect(q('lodz')).toEqual(['PL-NIL']);
    expect(q('médecins')).toEqual(['DE-BE-AEK', 'FR-CNOM']);
  });

  it('ranks a whole-name match above a partial one, and names above keywords', () => {
    expect(q("Conseil national de l'Ordre des médecins")[0]).toBe('FR-CNOM');
    expect(q('approbation')).toEqual(['DE-BE-AEK']);
    const [first, second] = index.search({ text: 'ordre des medecins', country: null, legislativeArea: null, profession: null, limit: 20 });
    expect(first.score).toBeGreaterThanOrEqual(second.score);
  });

  it('filters by country, area and profession, and never shows a removed authority', () => {
    expect(new Set(q(null, { country: 'FR' }))).toEqual(new Set(['FR-CNOM', 'FR-DGCCRF']));
    expect(q(null, { legislativeArea: 'services' })).toEqual(['FR-DGCCRF']);
    expect(q(null, { profession: 'medical' })).toEqual(['DE-HH-AEK', 'DE-BE-AEK']);
    expect(q('alt')).toEqual([]);
    expect(index.size).toBe(5);
  });

  it('shows the name in the reader\'s language where given', () => {
    expect(displayName(ENTRIES[0], 'fr')).toBe('Ordre des médecins de Berlin');
    expect(displayName(ENTRIES[0], 'it')).toBe('Berlin Medical Association');
    expect(displayName(ENTRIES[3], 'en')).toBe('Naczelna Izba Lekarska');
  });

  it('refuses pathological queries before searching', () => {
    expect(() => checkDirectoryQuery({ q: 'a'.repeat(MAX_QUERY_CHARS + 1) })).toThrow(InvalidRequest);
    expect(() => checkDirectoryQuery({ q: Array(13).fill('wort').join(' ') })).toThrow(/12 words/);
    expect(() => checkDirectoryQuery({ limit: '0' })).toThrow(/limit/);
    expect(() => checkDirectoryQuery({ country: 'FRA' })).toThrow(/country/);
    expect(checkDirectoryQuery({ q: 'Ärztekammer', limit: '5' })).toEqual({ text: 'Ärztekammer', country: null, legislativeArea: null, profession: null, limit: 5 });
  });
});
