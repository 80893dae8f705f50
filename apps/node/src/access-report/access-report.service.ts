import { Injectable } from '@nestjs/common';
import { checkPersonQuery, matchesPerson, PersonQuery } from '@imi/domain';
import { Database } from '@imi/persistence';
import { AlertRepository } from '../alerts/alert.repository';
import { AuthoritiesService } from '../authorities/authorities.service';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { AuditLog } from '../privacy/audit-log';
import { SignedReport } from '../proof/proof.dto';
import { ReportSigner } from '../proof/report-signer';
import { AttachmentRepository } from '../requests/attachment.repository';
import { RequestRepository } from '../requests/request.repository';
import { AccessReport, AccessReportExchange, AccessReportRequestDto } from './access-report.dto';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/**
 * Right of access: every personal value this node holds about one person, across all its
 * exchanges (requests and alerts, blocked data included, deleted data being gone), with each
 * exchange's metadata, signed by the node. Each exchange reported is audited as an export.
 */
@Injectable()
export class AccessReportService {
  constructor(
    private readonly db: Database,
    private readonly authorities: AuthoritiesService,
    private readonly requests: RequestRepository,
    private readonly attachments: AttachmentRepository,
    private readonly alerts: AlertRepository,
    private readonly signer: ReportSigner,
    private readonly audit: AuditLog,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  async report(actingId: string | undefined, dto: AccessReportRequestDto, now = new Date()): Promise<SignedReport<AccessReport>> {
    const acting = this.authorities.acting(actingId);
    const person = checkPersonQuery(dto);
    const exchanges = [...(await this.requestsAbout(person)), ...(await this.alertsAbout(person))].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    const report: AccessReport = { kind: 'access-report', node: this.config.country, generatedAt: now.toISOString(), generatedFor: acting.id, person, exchanges };
    const signed = await this.signer.sign(report);
    await this.db.transaction(async (tx) => {
      for (const e of exchanges) {
        await this.audit.append(tx, { actor: acting.id, action: 'export', exchangeId: e.exchangeId, dataCategory: 'all personal data of one person', purpose: 'right of access report' }, now);
      }
    });
    return signed;
  }

  private async requestsAbout(person: PersonQuery): Promise<AccessReportExchange[]> {
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
      out.push({
        exchangeId: r.id, type: 'information-request', legislativeArea: r.legislativeArea, role: r.role,
        authorities: { requester: r.requesterAuthorityId, addressee: r.addresseeAuthorityId },
        state: r.snapshot.state, sentAt: r.snapshot.sentAt.toISOString(), closedAt: iso(r.snapshot.closedAt),
        personalData: r.blockedAt ? 'blocked' : 'available',
        data: {
          subject: await this.requests.subject(r.id),
          answers: (await this.requests.answers(r.id)).map((a) => ({ ...a, answeredAt: a.answeredAt.toISOString() })),
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
      out.push({
        exchangeId: a.id, type: a.kind, legislativeArea: a.legislativeArea, role: a.role, authorities: { sender: a.senderAuthorityId },
        state: a.state, sentAt: a.sentAt.toISOString(), closedAt: iso(a.endedAt), personalData: a.blockedAt ? 'blocked' : 'available',
        data: {
          versions: (await this.alerts.versions(id)).map((v) => ({ version: v.version, content: v.content, createdAt: v.createdAt.toISOString(), supersededAt: iso(v.supersededAt) })),
          contested: await this.contests(id),
        },
      });
    }
    return out;
  }

  /** Rectifications and erasures recorded beside blocked data. */
  private contests(exchangeId: string): Promise<Record<string, unknown>[]> {
    return this.db.query(`SELECT kind, corrections, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "recordedAt" FROM exchange_contests WHERE exchange_id = $1`, [exchangeId]);
  }
}
