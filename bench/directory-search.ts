import { CompressionTypes, Kafka, logLevel, SASLOptions } from 'kafkajs';
import { DirectoryDocument, DirectoryEntry, DirectoryIndex, checkDirectoryQuery } from '@imi/domain';
import { DIRECTORY_TYPE, PrivateJwk, signHubDocument } from '@imi/envelope';
import { directoryKey, topicNames } from '@imi/messaging';
import { LatencySummary, summarise } from './stats';

/** IMI's directory today: about 12,600 competent authorities across the member states. */
export const DIRECTORY_SIZE = 12_600;
const STATES = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DK', 'EE', 'EL', 'ES', 'FI', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'IS', 'LI', 'NO', 'EC'];

/** Authority kinds and words in a few languages, combined into plausible multilingual names. */
const BODIES: Record<string, string[]> = {
  de: ['Ärztekammer', 'Handwerkskammer', 'Landesamt für Gesundheit', 'Gewerbeamt', 'Architektenkammer', 'Steuerberaterkammer', 'Apothekerkammer', 'Ingenieurkammer'],
  fr: ['Ordre des médecins', 'Chambre des métiers', 'Agence régionale de santé', 'Direction du travail', 'Ordre des architectes', 'Ordre des pharmaciens', 'Conseil des ingénieurs'],
  en: ['Medical Council', 'Chamber of Crafts', 'Health Authority', 'Trading Standards Office', 'Architects Registration Board', 'Pharmaceutical Society', 'Engineering Council'],
  es: ['Colegio de Médicos', 'Cámara de Oficios', 'Consejería de Sanidad', 'Inspección de Trabajo', 'Colegio de Arquitectos', 'Colegio de Farmacéuticos'],
  it: ['Ordine dei Medici', 'Camera di Commercio', 'Azienda Sanitaria', 'Ispettorato del Lavoro', 'Ordine degli Architetti', 'Ordine dei Farmacisti'],
  pl: ['Izba Lekarska', 'Izba Rzemieślnicza', 'Inspekcja Sanitarna', 'Inspekcja Pracy', 'Izba Architektów', 'Izba Aptekarska'],
};
const CITIES = ['Łódź', 'München', 'Lyon', 'Sevilla', 'Torino', 'Kraków', 'Göteborg', 'Porto', 'Brno', 'Tartu', 'Cork', 'Graz', 'Gent', 'Split', 'Pécs', 'Kaunas', 'Turku', 'Aarhus', 'Košice', 'Plovdiv'];
const PROFESSIONS = ['medical doctor', 'nurse', 'architect', 'pharmacist', 'electrician', 'engineer', 'tax adviser', 'dentist', 'midwife', 'veterinary surgeon'];
const AREAS = ['services', 'professional-qualifications', 'patients-rights', 'posting-of-workers'];

/** A deterministic generator: every run searches the same directory. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export function syntheticDirectory(size = DIRECTORY_SIZE): DirectoryDocument[] {
  const random = generator(42);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const languages = Object.keys(BODIES);
  const entries: DirectoryEntry[] = [];
  for (let i = 0; i < size; i++) {
    const node = STATES[i % STATES.length];
    const city = pick(CITIES);
    const kind = Math.floor(random() * 6);
    const names: Record<string, string> = {};
    for (const language of [pick(languages), pick(languages), pick(languages)]) names[language] = `${BODIES[language][kind % BODIES[language].length]} ${city} ${i}`;
    entries.push({
      id: `${node}-AUTH-${i}`, node, kind: 'competent-authority', status: 'active', names,
      address: { street: null, postalCode: null, city, country: node }, legislativeAreas: [pick(AREAS), pick(AREAS)],
      keywords: { en: [pick(PROFESSIONS), 'registration'] }, professions: [pick(PROFESSIONS)], region: null,
    });
  }
  return STATES.map((node) => ({ node, version: Date.now(), issuedAt: new Date().toISOString(), entries: entries.filter((e) => e.node === node) }));
}

/** What case handlers type: a body and a place, a partial word, a profession, with and without filters. */
export const QUERIES: { q?: string; country?: string; legislativeArea?: string; profession?: string }[] = [
  { q: 'Ärztekammer München' }, { q: 'ordre des medecins lyon' }, { q: 'Chamber of Crafts' }, { q: 'colegio arquitectos sevilla' },
  { q: 'izba lekarska lodz' }, { q: 'ordine farmacisti' }, { q: 'health' }, { q: 'kam' }, { q: 'pharmac', country: 'IT' },
  { profession: 'architect' }, { q: 'registration', legislativeArea: 'services' }, { q: 'engineering council turku 4711' },
  { country: 'PL', legislativeArea: 'patients-rights' }, { q: 'inspección de trabajo' }, { q: 'tax adviser graz' }, { q: 'zzz no such authority' },
];

export interface DirectorySearchResult {
  authorities: number;
  /** HTTP round trip on the node (GET /directory with a session), sequential queries. */
  httpLatency: LatencySummary;
  /** The same queries on the same data in this process: the search itself, without HTTP and sessions. */
  inProcessLatency: LatencySummary;
}

/**
 * Publishes the synthetic directory as the hub does (signed with the hub key, gzip, one record
 * per state) on the bench network's broadcast topic, waits until the node has indexed it, then
 * times searches over HTTP on the node, and the same searches in process.
 */
export async function measureDirectorySearch(options: {
  brokers: string; sasl?: SASLOptions; prefix: string; hubKey: PrivateJwk; nodeUrl: string; session: string; rounds?: number;
}): Promise<DirectorySearchResult> {
  const documents = syntheticDirectory();
  const kafka = new Kafka({ brokers: options.brokers.split(','), sasl: options.sasl, logLevel: logLevel.NOTHING, clientId: 'bench-directory' });
  const producer = kafka.producer();
  await producer.connect();
  for (const document of documents) {
    await producer.send({
      topic: topicNames(options.prefix).broadcast, compression: CompressionTypes.GZIP,
      messages: [{ key: directoryKey(document.node), value: await signHubDocument(document, DIRECTORY_TYPE, options.hubKey) }],
    });
  }
  await producer.disconnect();
  const deadline = Date.now() + 120_000;
  let indexed = 0;
  while ((indexed = ((await (await fetch(`${options.nodeUrl}/health`)).json()) as { directoryAuthorities: number }).directoryAuthorities) < DIRECTORY_SIZE) {
    if (Date.now() > deadline) throw new Error(`the node indexed ${indexed} of ${DIRECTORY_SIZE} authorities`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  const rounds = options.rounds ?? 20;
  const http: number[] = [];
  for (let round = 0; round < rounds + 1; round++) {
    for (const query of QUERIES) {
      const started = process.hrtime.bigint();
      const response = await fetch(`${options.nodeUrl}/directory?${new URLSearchParams(query as Record<string, string>)}`, { headers: { authorization: `Bearer ${options.session}` } });
      if (!response.ok) throw new Error(`GET /directory answered ${response.status}`);
      await response.arrayBuffer();
      if (round > 0) http.push(Number(process.hrtime.bigint() - started) / 1e6); // round 0 warms up
    }
  }
  const index = new DirectoryIndex(documents.flatMap((d) => d.entries));
  const local: number[] = [];
  for (let round = 0; round < rounds + 1; round++) {
    for (const query of QUERIES) {
      const started = process.hrtime.bigint();
      index.search(checkDirectoryQuery(query));
      if (round > 0) local.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return { authorities: indexed, httpLatency: summarise(http), inProcessLatency: summarise(local) };
}
