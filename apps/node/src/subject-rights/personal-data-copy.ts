import { Injectable } from '@nestjs/common';
import { PersonalDataState, rightsOutcome, RightsOutcome, SubjectCorrections } from '@imi/domain';
import { CorrectionsBody } from '@imi/envelope';
import { Tx } from '@imi/persistence';
import { AuditLog } from '../privacy/audit-log';
import { deleteExchangePersonalData } from '../privacy/personal-data';
import { Exchange } from './exchange';

/** Where each kind of exchange keeps the person, and the column naming the exchange. */
const PERSON_TABLE = { request: ['request_subjects', 'request_id'], alert: ['alert_versions', 'alert_id'] } as const;

/**
 * This node's copy of the person in one exchange, as data subjects' rights and early deletion
 * see it: its state, and what rectifying, erasing or deleting it does. Used alike for a
 * decision taken here and for one another participant propagated.
 */
@Injectable()
export class PersonalDataCopy {
  constructor(private readonly audit: AuditLog) {}

  async state(tx: Tx, exchange: Exchange): Promise<PersonalDataState> {
    if (exchange.deleted) return 'deleted';
    const [table, key] = PERSON_TABLE[exchange.kind];
    const { rows } = await tx.query(`SELECT 1 FROM ${table} WHERE ${key} = $1 LIMIT 1`, [exchange.id]);
    if (rows.length === 0) return 'not-held';
    return exchange.blocked ? 'blocked' : 'available';
  }

  async rectify(tx: Tx, exchange: Exchange, change: { subjectRequestId: string; corrections: CorrectionsBody; actor: string; at: Date }): Promise<RightsOutcome> {
    let outcome = rightsOutcome(await this.state(tx, exchange));
    if (outcome === 'applied') {
      const changed = exchange.kind === 'request' ? await this.rectifyRequest(tx, exchange.id, change.corrections) : await this.rectifyAlert(tx, exchange.id, change.corrections);
      if (changed) {
        await this.audit.append(tx, { actor: change.actor, action: 'rectify', exchangeId: exchange.id, dataCategory: 'identity of the person', purpose: 'data subject rectification' }, change.at);
      } else {
        outcome = 'nothing-held';
      }
    } else if (outcome === 'contested') {
      await this.contest(tx, exchange, { ...change, kind: 'rectification' });
    }
    return outcome;
  }

  /** `decidedBy`: the authority that granted the erasure, here or at the participant that propagated it. */
  async erase(tx: Tx, exchange: Exchange, change: { subjectRequestId: string; decidedBy: string; actor: string; at: Date }): Promise<RightsOutcome> {
    const outcome = rightsOutcome(await this.state(tx, exchange));
    if (outcome === 'applied') {
      await deleteExchangePersonalData(tx, exchange.kind === 'request' ? 'requests' : 'alerts', exchange.id, change.at, {
        reason: 'data-subject-erasure', decision: change.subjectRequestId, decidedBy: change.decidedBy,
      });
      await this.audit.append(tx, { actor: change.actor, action: 'delete', exchangeId: exchange.id, dataCategory: 'all personal data', purpose: 'data subject erasure' }, change.at);
    } else if (outcome === 'contested') {
      await this.contest(tx, exchange, { ...change, kind: 'erasure', corrections: null });
    }
    return outcome;
  }

  /** Early deletion agreed by every participant: everything goes, blocked or not. */
  async deleteEarly(tx: Tx, exchange: Exchange, deletion: { id: string; proposedBy: string }, actor: string, at: Date): Promise<void> {
    if (exchange.deleted) return;
    await deleteExchangePersonalData(tx, exchange.kind === 'request' ? 'requests' : 'alerts', exchange.id, at, {
      reason: 'early-deletion', decision: deletion.id, decidedBy: deletion.proposedBy,
    });
    await this.audit.append(tx, { actor, action: 'delete', exchangeId: exchange.id, dataCategory: 'all personal data', purpose: 'early deletion agreed by every participant' }, at);
  }

  private async rectifyRequest(tx: Tx, id: string, c: CorrectionsBody): Promise<boolean> {
    const { rowCount } = await tx.query(
      `UPDATE request_subjects SET
         family_name = COALESCE($2, family_name), given_names = COALESCE($3, given_names),
         date_of_birth = CASE WHEN 'dateOfBirth' = ANY($6::text[]) THEN NULL ELSE COALESCE($4::date, date_of_birth) END,
         register_number = CASE WHEN 'registerNumber' = ANY($6::text[]) THEN NULL ELSE COALESCE($5, register_number) END
       WHERE request_id = $1`,
      [id, c.familyName, c.givenNames, c.dateOfBirth, c.registerNumber, c.cleared],
    );
    return rowCount === 1;
  }

  /** An alert names the person in its structured `person` (professional qualifications alerts): every version is corrected. */
  private async rectifyAlert(tx: Tx, id: string, c: CorrectionsBody): Promise<boolean> {
    const { rows } = await tx.query<{ version: number; content: Record<string, any> }>(`SELECT version, content FROM alert_versions WHERE alert_id = $1 AND content ? 'person'`, [id]);
    for (const { version, content } of rows) {
      const person = { ...content.person };
      if (c.familyName !== null) person.familyName = c.familyName;
      if (c.givenNames !== null) person.givenNames = c.givenNames;
      if (c.dateOfBirth !== null) person.dateOfBirth = c.dateOfBirth;
      if (c.cleared.includes('dateOfBirth')) person.dateOfBirth = null;
      await tx.query('UPDATE alert_versions SET content = $3 WHERE alert_id = $1 AND version = $2', [id, version, JSON.stringify({ ...content, person })]);
    }
    return rows.length > 0;
  }

  /** Blocked data is not changed: the contest is kept beside it, with the corrected values. */
  private async contest(
    tx: Tx,
    exchange: Exchange,
    change: { subjectRequestId: string; kind: 'rectification' | 'erasure'; corrections: CorrectionsBody | null; actor: string; at: Date },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO exchange_contests (exchange_id, subject_request_id, kind, corrections, recorded_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [exchange.id, change.subjectRequestId, change.kind, change.corrections && JSON.stringify(change.corrections), change.at],
    );
    await this.audit.append(tx, { actor: change.actor, action: 'contest', exchangeId: exchange.id, dataCategory: 'identity of the person', purpose: `data subject ${change.kind} of blocked data` }, change.at);
  }
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
