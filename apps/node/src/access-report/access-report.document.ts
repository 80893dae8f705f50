import { AccessReport, AccessReportExchange, ReportAuthority } from './access-report.dto';
import { REPORT_TEXTS, ReportTexts } from './access-report.texts';
import { ReportLanguage } from './report-language';

/** A line of the report as the person reads it: the PDF draws these, tests read them. */
export type Block =
  | { kind: 'title' | 'heading' | 'subheading' | 'paragraph' | 'line' | 'item'; text: string }
  | { kind: 'fact'; label: string; text: string };

const PERSON_FIELDS = ['familyName', 'givenNames', 'dateOfBirth', 'placeOfBirth', 'registerNumber', 'nationalId', 'nationalIdJustification'];
const DATE_FIELDS = new Set(['dateOfBirth', 'periodFrom', 'periodUntil', 'decisionDate']);

/**
 * The right-of-access report as a document for the person, in the report's language: human
 * labels, the questions' texts, the purpose, the recipients, the retention dates, the rights and
 * the supervisory authority; then the signature and how to check it. Pure: no I/O.
 */
export function accessReportDocument(report: AccessReport, signature: { kid: string; value?: string; attachedSha256?: string }): Block[] {
  const t = REPORT_TEXTS[report.language ?? 'en'];
  // British English writes the day first, as the rest of Europe does.
  const dates = new Intl.DateTimeFormat(report.language === 'en' ? 'en-GB' : report.language, { dateStyle: 'long', timeZone: 'UTC' });
  const date = (iso: string) => dates.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
  const state = (code: string) => stateName(report.language ?? 'en', code);
  const who = (a: ReportAuthority) => `${a.name} (${state(a.memberState)})`;
  const out: Block[] = [];
  const fact = (label: string, text: string) => out.push({ kind: 'fact', label, text });

  out.push({ kind: 'title', text: t.title });
  out.push({ kind: 'paragraph', text: t.intro(state(report.node)) });
  fact(t.producedOn, date(report.generatedAt));
  fact(t.producedBy, who(report.controller));
  fact(t.node, t.node_of(state(report.node)));

  out.push({ kind: 'heading', text: t.personHeading });
  out.push({ kind: 'paragraph', text: t.personIntro });
  personFacts(report.person as unknown as Record<string, unknown>, t, date, fact);

  out.push({ kind: 'heading', text: t.summaryHeading });
  out.push({ kind: 'paragraph', text: report.exchanges.length === 0 ? t.none : t.summary(report.exchanges.length) });
  report.exchanges.forEach((e, i) => exchange(e, i + 1));

  out.push({ kind: 'heading', text: t.processingHeading });
  for (const p of t.processing) out.push({ kind: 'paragraph', text: p });
  out.push({ kind: 'heading', text: t.rightsHeading });
  for (const r of t.rights) out.push({ kind: 'item', text: r });
  out.push({ kind: 'heading', text: t.complaintHeading });
  out.push({ kind: 'paragraph', text: t.complaint });
  out.push({ kind: 'subheading', text: report.supervisoryAuthority.name });
  for (const line of report.supervisoryAuthority.address.split('|').filter(Boolean)) out.push({ kind: 'line', text: line });

  out.push({ kind: 'heading', text: t.signatureHeading });
  out.push({ kind: 'paragraph', text: t.signature(state(report.node)) });
  fact(t.signingKey, signature.kid);
  // The signature itself and the digest of the attached file, not the whole JWS: its payload is the report, already shown above.
  if (signature.value) fact(t.signatureValue, signature.value);
  if (signature.attachedSha256) fact(t.attachedDigest, signature.attachedSha256);
  out.push({ kind: 'paragraph', text: t.howToCheck });
  return out;

  function exchange(e: AccessReportExchange, index: number): void {
    out.push({ kind: 'heading', text: t.exchangeHeading(index, t.kinds[e.type] ?? e.type, date(e.sentAt)) });
    const purpose = t.purposes[e.legislativeArea];
    fact(t.purpose, purpose ?? t.unknownPurpose(e.legislativeArea));
    // The known purposes name their Union act in the reader's language; an area added later has the hub's name for it.
    if (!purpose && e.legislativeAreaAct) fact(t.legalBasis, e.legislativeAreaAct);
    fact(t.status, e.closedAt ? `${t.closedOn} ${date(e.closedAt)}` : t.states[e.state] ?? e.state);
    fact(t.authoritiesInvolved, (e.parties ?? []).map((p) => `${who(p)}: ${t.roles[roleOf(e, p)] ?? ''}`).join('; '));
    if (e.receivedFrom) fact(t.receivedFrom, `${who(e.receivedFrom)}${e.receivedFrom.receivedAt ? `, ${t.receivedOn(date(e.receivedFrom.receivedAt))}` : ''}`);
    fact(t.disclosedTo, (e.disclosedTo ?? []).length === 0 ? t.notDisclosed
      : e.disclosedTo.map((d) => `${who(d)}, ${d.receivedAt ? t.receivedOn(date(d.receivedAt)) : t.notConfirmed}`).join('; '));
    fact(t.personalData, e.personalData === 'blocked' ? t.blocked : t.available);
    const r = e.retention;
    if (r) {
      fact(t.retention, !r.blockedFrom || !r.deletedFrom ? t.retentionOpen(r.blockAfterMonths, r.deleteAfterMonths)
        : e.personalData === 'blocked' ? t.retentionBlocked(date(r.blockedFrom), date(r.deletedFrom), r.deleteAfterMonths)
          : t.retentionClosed(date(r.blockedFrom), date(r.deletedFrom), r.blockAfterMonths, r.deleteAfterMonths));
    }

    out.push({ kind: 'subheading', text: t.dataHeading });
    const data = e.data as Record<string, any>;
    if (data.subject) personFacts(data.subject, t, date, fact);
    if (e.questions?.length) {
      out.push({ kind: 'subheading', text: t.questionsAsked });
      e.questions.forEach((q, n) => {
        out.push({ kind: 'paragraph', text: `${n + 1}. ${q.text}` });
        if (q.freeText) fact(t.freeText, q.freeText);
        fact(t.answer, q.answers.length === 0 ? t.noAnswer : q.answers.map((a) => `${a.text} (${date(a.answeredAt)})`).join('; '));
      });
    }
    const further = (data.furtherInformation ?? []) as { note: string | null; requestedAt: string }[];
    if (further.length) {
      out.push({ kind: 'subheading', text: t.furtherInformation });
      for (const f of further) out.push({ kind: 'item', text: `${date(f.requestedAt)}${f.note ? `: ${f.note}` : ''}` });
    }
    const documents = (data.attachments ?? []) as { fileName: string }[];
    if (documents.length) {
      out.push({ kind: 'subheading', text: t.documents });
      for (const d of documents) out.push({ kind: 'item', text: d.fileName });
    }
    for (const v of (data.versions ?? []) as { version: number; content: Record<string, unknown>; createdAt: string; supersededAt: string | null }[]) {
      out.push({ kind: 'subheading', text: `${t.version(v.version, date(v.createdAt))}${v.supersededAt ? ` (${t.superseded(date(v.supersededAt))})` : ''}` });
      const { person, ...rest } = v.content;
      if (person && typeof person === 'object') personFacts(person as Record<string, unknown>, t, date, fact);
      for (const [key, value] of Object.entries(rest)) {
        if (value === null || value === undefined || value === '') continue;
        const text = key === 'scope' ? t.scopes[String(value)] ?? String(value) : DATE_FIELDS.has(key) ? date(String(value)) : String(value);
        fact(t.fields[key] ?? humanise(key), text);
      }
    }
    for (const c of (data.contested ?? []) as { kind: string; corrections: Record<string, unknown> | null; recordedAt: string }[]) {
      out.push({ kind: 'paragraph', text: c.kind === 'erasure' ? t.erasureContested(date(c.recordedAt)) : t.contested(date(c.recordedAt)) });
      if (c.corrections) personFacts(c.corrections, t, date, fact);
    }
  }
}

function personFacts(person: Record<string, unknown>, t: ReportTexts, date: (iso: string) => string, fact: (label: string, text: string) => void): void {
  for (const key of PERSON_FIELDS) {
    const value = person[key];
    if (value === null || value === undefined || value === '') continue;
    fact(t.fields[key], DATE_FIELDS.has(key) ? date(String(value)) : String(value));
  }
}

/** Which part an authority played in the exchange, from the report's own fields. */
function roleOf(e: AccessReportExchange, p: ReportAuthority): string {
  if (e.type === 'information-request') return e.authorities.requester === p.authorityId ? 'requester' : 'addressee';
  return e.authorities.sender === p.authorityId ? 'sender' : 'recipient';
}

/** A member state's name in the language (the EU writes EL for Greece); EC is the Commission. */
export function stateName(language: ReportLanguage, code: string): string {
  if (code === 'EC') return REPORT_TEXTS[language].commission;
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code === 'EL' ? 'GR' : code) ?? code;
  } catch {
    return code;
  }
}

/** A field the labels do not know yet (a newer alert kind): words, never a path. */
function humanise(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
