import { Injectable } from '@nestjs/common';
import { canDisclosePersonalData, PersonalDataState, rightsOutcome, RightsOutcome, SubjectCorrections } from '@imi/domain';
import { CorrectionsBody } from '@imi/envelope';
import { Tx } from '@imi/persistence';
import { AuditLog } from '../privacy/audit-log';
import { deleteExchangePersonalData } from '../privacy/personal-data';
import { RequestRecord } from '../requests/request.repository';

/**
 * This node's copy of the person in one information request, as data subjects' rights and
 * early deletion see it: its state, and what rectifying, erasing or deleting it does. Used
 * alike for a decision taken here and for one another participant propagated.
 */
@Injectable()
export class PersonalDataCopy {
  constructor(private readonly audit: AuditLog) {}

  async state(tx: Tx, record: RequestRecord): Promise<PersonalDataState> {
    if (record.personalDataDeletedAt) return 'deleted';
    const { rows } = await tx.query('SELECT 1 FROM request_subjects WHERE request_id = $1', [record.id]);
    if (rows.length === 0) return 'not-held';
    return record.blockedAt ? 'blocked' : 'available';
  }

  async rectify(tx: Tx, record: RequestRecord, change: { subjectRequestId: string; corrections: CorrectionsBody; actor: string; at: Date }): Promise<RightsOutcome> {
    const outcome = rightsOutcome(await this.state(tx, record));
    const c = change.corrections;
    if (outcome === 'applied') {
      await tx.query(
        `UPDATE request_subjects SET
           family_name = COALESCE($2, family_name), given_names = COALESCE($3, given_names),
           date_of_birth = CASE WHEN 'dateOfBirth' = ANY($6::text[]) THEN NULL ELSE COALESCE($4::date, date_of_birth) END,
           register_number = CASE WHEN 'registerNumber' = ANY($6::text[]) THEN NULL ELSE COALESCE($5, register_number) END
         WHERE request_id = $1`,
        [record.id, c.familyName, c.givenNames, c.dateOfBirth, c.registerNumber, c.cleared],
      );
      await this.audit.append(tx, { actor: change.actor, action: 'rectify', exchangeId: record.id, dataCategory: 'identity of the person', purpose: 'data subject rectification' }, change.at);
    } else if (outcome === 'contested') {
      await this.contest(tx, record, { ...change, kind: 'rectification' });
    }
    return outcome;
  }

  async erase(tx: Tx, record: RequestRecord, change: { subjectRequestId: string; actor: string; at: Date }): Promise<RightsOutcome> {
    const outcome = rightsOutcome(await this.state(tx, record));
    if (outcome === 'applied') {
      await deleteExchangePersonalData(tx, 'requests', record.id, change.at);
      await this.audit.append(tx, { actor: change.actor, action: 'delete', exchangeId: record.id, dataCategory: 'all personal data', purpose: 'data subject erasure' }, change.at);
    } else if (outcome === 'contested') {
      await this.contest(tx, record, { ...change, kind: 'erasure', corrections: null });
    }
    return outcome;
  }

  /** Early deletion agreed by every participant: everything goes, blocked or not. */
  async deleteEarly(tx: Tx, record: RequestRecord, actor: string, at: Date): Promise<void> {
    if (record.personalDataDeletedAt) return;
    await deleteExchangePersonalData(tx, 'requests', record.id, at);
    await this.audit.append(tx, { actor, action: 'delete', exchangeId: record.id, dataCategory: 'all personal data', purpose: 'early deletion agreed by every participant' }, at);
  }

  /** Blocked data is not changed: the contest is kept beside it, with the corrected values. */
  private async contest(
    tx: Tx,
    record: RequestRecord,
    change: { subjectRequestId: string; kind: 'rectification' | 'erasure'; corrections: CorrectionsBody | null; actor: string; at: Date },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO request_contests (request_id, subject_request_id, kind, corrections, recorded_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [record.id, change.subjectRequestId, change.kind, change.corrections && JSON.stringify(change.corrections), change.at],
    );
    await this.audit.append(tx, { actor: change.actor, action: 'contest', exchangeId: record.id, dataCategory: 'identity of the person', purpose: `data subject ${change.kind} of blocked data` }, change.at);
  }
}

/** This node's side of a request: its authority, and the other participant's node. */
export function ownSide(record: RequestRecord): { authorityId: string; otherNode: string; otherAuthorityId: string } {
  return record.role === 'requester'
    ? { authorityId: record.requesterAuthorityId, otherNode: record.addresseeNode, otherAuthorityId: record.addresseeAuthorityId }
    : { authorityId: record.addresseeAuthorityId, otherNode: record.requesterNode, otherAuthorityId: record.requesterAuthorityId };
}

/**
 * The other nodes that hold the person: the requester always; the addressee only once it
 * accepted (the acceptance gate). A rectification, which carries personal data, goes to these only.
 */
export function otherHolders(record: RequestRecord): string[] {
  if (record.role === 'addressee') return [record.requesterNode];
  return canDisclosePersonalData(record.snapshot) ? [record.addresseeNode] : [];
}

export function toCorrectionsBody(c: SubjectCorrections): CorrectionsBody {
  return {
    familyName: c.familyName ?? null,
    givenNames: c.givenNames ?? null,
    dateOfBirth: c.dateOfBirth ?? null,
    registerNumber: c.registerNumber ?? null,
    cleared: (['dateOfBirth', 'registerNumber'] as const).filter((f) => f in c && c[f] === null),
  };
}
