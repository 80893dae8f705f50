import { Injectable } from '@nestjs/common';
import { addMonths, checkPersonQuery, findQuestion, localise, localiseAnswer, matchesPerson, PersonQuery, QuestionCatalogue } from '@imi/domain';
import { TrustStore } from '@imi/envelope';
import { Database } from '@imi/persistence';
import { AlertRepository } from '../alerts/alert.repository';
import { AuthoritiesService } from '../authorities/authorities.service';
import { CatalogueStore } from '../catalogue/catalogue.store';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { AuditLog } from '../privacy/audit-log';
import { SignedReport } from '../proof/proof.dto';
import { ReportSigner } from '../proof/report-signer';
import { AttachmentRepository } from '../requests/attachment.repository';
import { RequestRecord, RequestRepository } from '../requests/request.repository';
import { AccessReport, AccessReportExchange, AccessReportRequestDto, ReportAuthority } from './access-report.dto';
import { ReportLanguage } from './report-language';
import { supervisoryAuthorityOf } from './supervisory-authority';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** The messages that carry the person from one node to another: who received the data, and when, is read from them. */
const CARRIES_PERSON = ['request.subject-disclosed', 'alert.sent', 'alert.rectified'];
/** The general rule, for an area the trust list does not describe (privacy-rules.md, Retention). */
const DEFAULT_PERIODS = { blockAfterMonths: 6, deleteAfterMonths: 36 };

/**
 * Right of access: every personal value this node holds about one person, across all its
 * exchanges (requests and alerts, blocked data included, deleted data being gone), with what
 * GDPR Art. 15 asks a report to say: each exchange's purpose, the authorities and member states
 * that received the data and when, when it will be blocked and deleted, the source, and where to
 * complain; questions and answers in the language chosen. Signed by the node; each exchange
 * reported is audited as an export.
 */
@Injectable()
export class AccessReportService {
  constructor(
    private readonly db: Database,
    private readonly authorities: AuthoritiesService,
    private readonly requests: RequestRepository,
    private readonly attachments: AttachmentRepository,
    private readonly alerts: AlertRepository,
    private readonly catalogue: CatalogueStore,
    private readonly trust: TrustStore,
    private readonly signer: ReportSigner,
    private readonly audit: AuditLog,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  async report(actingId: string | undefined, dto: AccessReportRequestDto, now = new Date()): Promise<SignedReport<AccessReport>> {
    const acting = this.authorities.acting(actingId);
    const { language = 'en', ...identity } = dto;
    const person = checkPersonQuery(identity);
    const exchanges = [...(await this.requestsAbout(person, language)), ...(await this.alertsAbout(person))].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    const report: AccessReport = {
      kind: 'access-report', node: this.config.country, language, generatedAt: now.toISOString(), generatedFor: acting.id,
      controller: this.authority(acting.id), supervisoryAuthority: supervisoryAuthorityOf(this.config.country, this.config.supervisoryAuthority),
      person, exchanges,
    };
    const signed = await this.signer.sign(report);
    await this.db.transaction(async (tx) => {
      for (const e of exchanges) {
        await this.audit.append(tx, { actor: acting.id, action: 'export', exchangeId: e.exchangeId, dataCategory: 'all personal data of one person', purpose: 'right of access report' }, now);
      }
    });
    return signed;
  }

  private async requestsAbout(person: PersonQuery, language: ReportLanguage): Promise<AccessReportExchange[]> {
    // Candidates by any one field, then the exact rule of matchesPerson.
    const candidates = await this.db.query<{ request_id: string; family_name: string; given_names: string; date_of_birth: string | null; register_number: string | null }>(
      `SELECT request_id, family_name, given_names, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, register_number FROM request_subjects
       WHERE lower(family_name) = lower($1) OR date_of_birth = $2::date OR upper(regexp_replace(coalesce(register_number, ''), '[\\s-]', '', 'g')) = $3`,
      [person.familyName, person.dateOfBirth, person.registerNumber?.replace(/[\s-]/g, '').toUpperCase() ?? null],
    );
    const out: AccessReportExchange[] = [];
    for (const c of candidates) {
      if (!matchesPerson(person, { familyName: c.family_name, givenNames: c.given_names, dateOfBirth: c.date_of_birth, registerNumber: c.register_number })) continue;
      const r = (await this.requests.find(c.request_id))!;
      const answers = await this.requests.answers(r.id);
      const parties = [this.authority(r.requesterAuthorityId), this.authority(r.addresseeAuthorityId)];
      out.push({
        exchangeId: r.id, type: 'information-request', ...this.area(r.legislativeArea), role: r.role,
        authorities: { requester: r.requesterAuthorityId, addressee: r.addresseeAuthorityId }, parties,
        ...(await this.flows(r.id, parties, r.role === 'addressee' ? r.requesterAuthorityId : null)),
        state: r.snapshot.state, sentAt: r.snapshot.sentAt.toISOString(), closedAt: iso(r.snapshot.closedAt),
        personalData: r.blockedAt ? 'blocked' : 'available',
        retention: this.retention(r.legislativeArea, r.snapshot.closedAt ?? null),
        questions: this.questions(r, answers, language),
        data: {
          subject: await this.requests.subject(r.id),
          answers: answers.map((a) => ({ ...a, answeredAt: a.answeredAt.toISOString() })),
          furtherInformation: (await this.requests.furtherInformation(r.id)).map((f) => ({ note: f.note, requestedAt: f.requestedAt.toISOString() })),
          attachments: (await this.attachments.list(r.id)).filter((a) => a.concernsPerson).map((a) => ({ fileName: a.fileName, contentType: a.contentType })),
          contested: await this.contests(r.id),
        },
      });
    }
    return out;
  }

  /** Alerts naming the person in their structured person fields (professional qualifications alerts). */
  private async alertsAbout(person: PersonQuery): Promise<AccessReportExchange[]> {
    const candidates = await this.db.query<{ alert_id: string; person: Record<string, string | null> }>(
      `SELECT DISTINCT alert_id, content->'person' AS person FROM alert_versions
       WHERE content ? 'person' AND (lower(content->'person'->>'familyName') = lower($1) OR content->'person'->>'dateOfBirth' = $2)`,
      [person.familyName, person.dateOfBirth],
    );
    const ids = [...new Set(candidates.filter((c) => matchesPerson(person, c.person)).map((c) => c.alert_id))];
    const out: AccessReportExchange[] = [];
    for (const id of ids) {
      const a = (await this.alerts.find(id))!;
      const parties = [this.authority(a.senderAuthorityId), ...(await this.alerts.recipients(a)).map((r) => this.authority(r.authorityId, r.node))];
      out.push({
        exchangeId: a.id, type: a.kind, ...this.area(a.legislativeArea), role: a.role, authorities: { sender: a.senderAuthorityId }, parties,
        ...(await this.flows(id, parties, a.role === 'recipient' ? a.senderAuthorityId : null)),
        state: a.state, sentAt: a.sentAt.toISOString(), closedAt: iso(a.endedAt), personalData: a.blockedAt ? 'blocked' : 'available',
        retention: this.retention(a.legislativeArea, a.endedAt), questions: [],
        data: {
          versions: (await this.alerts.versions(id)).map((v) => ({ version: v.version, content: v.content, createdAt: v.createdAt.toISOString(), supersededAt: iso(v.supersededAt) })),
          contested: await this.contests(id),
        },
      });
    }
    return out;
  }

  /** An authority's name and member state from the trust list (its id alone if the list no longer names it). */
  private authority(id: string, node?: string): ReportAuthority {
    const entry = this.authorities.find(id);
    return { authorityId: id, name: entry?.name ?? id, memberState: entry?.node ?? node ?? '' };
  }

  private area(id: string): { legislativeArea: string; legislativeAreaAct: string | null } {
    return { legislativeArea: id, legislativeAreaAct: this.trust.legislativeArea(id)?.name ?? null };
  }

  /** When the data will be (or was) blocked and deleted: the area's periods from formal closure. */
  private retention(area: string, closedAt: Date | null): AccessReportExchange['retention'] {
    const { blockAfterMonths, deleteAfterMonths } = this.trust.legislativeArea(area) ?? DEFAULT_PERIODS;
    return {
      blockAfterMonths, deleteAfterMonths,
      blockedFrom: closedAt ? addMonths(closedAt, blockAfterMonths).toISOString() : null,
      deletedFrom: closedAt ? addMonths(closedAt, deleteAfterMonths).toISOString() : null,
    };
  }

  /**
   * Where the person's data came from and where it went, from the messages that carried it: a
   * received one names its sender; each sent one has the recipient node's signed receipt.
   */
  private async flows(exchangeId: string, parties: ReportAuthority[], sourceId: string | null): Promise<Pick<AccessReportExchange, 'receivedFrom' | 'disclosedTo'>> {
    const here = this.config.country;
    const [received] = await this.db.query<{ received_at: Date }>(
      'SELECT min(received_at) AS received_at FROM inbox_messages WHERE case_id = $1 AND type = ANY($2) AND outcome = \'applied\'', [exchangeId, CARRIES_PERSON],
    );
    const source = sourceId ? parties.find((p) => p.authorityId === sourceId) ?? null : null;
    const deliveries = await this.db.query<{ recipient_node: string; delivered_at: Date | null }>(
      `SELECT d.recipient_node, min(d.delivered_at) AS delivered_at FROM outbox_messages o JOIN deliveries d ON d.message_id = o.message_id
       WHERE o.message_key = $1 AND d.type = ANY($2) GROUP BY d.recipient_node`, [exchangeId, CARRIES_PERSON],
    );
    const disclosedTo = parties
      .filter((p) => p.memberState !== here && p.authorityId !== sourceId)
      .flatMap((p) => {
        const delivery = deliveries.find((d) => d.recipient_node === p.memberState);
        return delivery ? [{ ...p, receivedAt: iso(delivery.delivered_at) }] : [];
      });
    return { receivedFrom: source ? { ...source, receivedAt: iso(received?.received_at) } : null, disclosedTo };
  }

  /** The questions of a request in the report's language (English where the catalogue lacks it), with their answers. */
  private questions(r: RequestRecord, answers: { questionId: string; answer: string; answeredAt: Date }[], language: ReportLanguage): AccessReportExchange['questions'] {
    let catalogue: QuestionCatalogue | null = null;
    try {
      catalogue = this.catalogue.current();
    } catch {
      catalogue = null;
    }
    return r.questions.map((q) => {
      const known = catalogue ? safe(() => findQuestion(catalogue!, r.legislativeArea, q.questionId)) : null;
      return {
        questionId: q.questionId,
        text: known ? localise(catalogue!, r.legislativeArea, q.questionId, language).text : q.questionId,
        freeText: q.freeText,
        answers: answers.filter((a) => a.questionId === q.questionId).map((a) => ({
          text: known ? safe(() => localiseAnswer(known, a.answer, language).text) ?? a.answer : a.answer,
          answeredAt: a.answeredAt.toISOString(),
        })),
      };
    });
  }

  /** Rectifications and erasures recorded beside blocked data. */
  private contests(exchangeId: string): Promise<Record<string, unknown>[]> {
    return this.db.query(`SELECT kind, corrections, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "recordedAt" FROM exchange_contests WHERE exchange_id = $1`, [exchangeId]);
  }
}

/** A catalogue lookup that may fail (a question withdrawn from a newer catalogue): null instead. */
function safe<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}
