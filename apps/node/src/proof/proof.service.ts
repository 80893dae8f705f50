import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { checkProofRetrieval } from '@imi/domain';
import { AvroCodec, HEADERS } from '@imi/envelope';
import { Database } from '@imi/persistence';
import { AlertRepository } from '../alerts/alert.repository';
import { AuthoritiesService } from '../authorities/authorities.service';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { AuditLog } from '../privacy/audit-log';
import { NotFound } from '../problem/errors';
import { AttachmentRepository } from '../requests/attachment.repository';
import { RequestRepository } from '../requests/request.repository';
import { isOwnSide } from '../requests/request.service';
import { ReportSigner } from './report-signer';
import { BodyErasureRecord, ProofExchange, ProofMessage, ProofOfExchangeReport, RetrieveBlockedDataDto, RetrievedBlockedData, SignedReport } from './proof.dto';

export type ExchangeKind = 'request' | 'alert';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/**
 * Proof of an exchange, for the authorities that took part in it: the signed record of its
 * messages (metadata and signatures, no personal data), and the explicit retrieval of its
 * blocked personal data on a stated ground, each retrieval audited.
 */
@Injectable()
export class ProofService {
  constructor(
    private readonly db: Database,
    private readonly authorities: AuthoritiesService,
    private readonly requests: RequestRepository,
    private readonly attachments: AttachmentRepository,
    private readonly alerts: AlertRepository,
    private readonly codec: AvroCodec,
    private readonly signer: ReportSigner,
    private readonly audit: AuditLog,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  async retrieveBlocked(actingId: string | undefined, kind: ExchangeKind, id: string, dto: RetrieveBlockedDataDto, now = new Date()): Promise<RetrievedBlockedData> {
    const acting = this.authorities.acting(actingId);
    const exchange = await this.exchange(kind, id, acting.id);
    const { ground, justification } = checkProofRetrieval(exchange.personalData, dto.ground, dto.justification);
    const data = kind === 'request'
      ? {
          subject: await this.requests.subject(id), answers: await this.requests.answers(id),
          furtherInformation: await this.requests.furtherInformation(id), attachments: await this.attachments.list(id),
        }
      : { versions: await this.alerts.versions(id) };
    await this.db.transaction(async (tx) => {
      await tx.query(
        'INSERT INTO proof_retrievals (id, exchange_id, authority_id, ground, justification, retrieved_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [randomUUID(), id, acting.id, ground, justification, now],
      );
      await this.audit.append(tx, { actor: acting.id, action: 'retrieve', exchangeId: id, dataCategory: 'blocked personal data', purpose: `proof of exchange: ${ground}` }, now);
    });
    return { exchangeId: id, ground, retrievedAt: now.toISOString(), ...data };
  }

  async report(actingId: string | undefined, kind: ExchangeKind, id: string, now = new Date()): Promise<SignedReport<ProofOfExchangeReport>> {
    const acting = this.authorities.acting(actingId);
    const { metadata, personalData, blockedAt, deletedAt } = await this.exchange(kind, id, acting.id);
    const messages = [...(await this.sentMessages(id)), ...(await this.receivedMessages(id))].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    const [erasure] = await this.db.query<{ deletion: ProofOfExchangeReport['personalData']['deletion'] }>(
      `SELECT personal_data_erasure AS deletion FROM ${kind === 'request' ? 'requests' : 'alerts'} WHERE id = $1`, [id],
    );
    const report: ProofOfExchangeReport = {
      kind: 'proof-of-exchange', node: this.config.country, generatedAt: now.toISOString(), generatedFor: acting.id, exchange: metadata,
      personalData: { state: personalData, blockedAt: iso(blockedAt), deletedAt: iso(deletedAt), deletion: erasure?.deletion ?? null },
      messages,
    };
    const signed = await this.signer.sign(report, PROOF_VERIFICATION);
    await this.audit.record({ actor: acting.id, action: 'export', exchangeId: id, dataCategory: 'exchange metadata (no personal data)', purpose: 'proof of exchange report' });
    return signed;
  }

  /** The exchange as a party sees it: metadata for the report, and the state of its personal data. */
  private async exchange(kind: ExchangeKind, id: string, authorityId: string): Promise<{
    metadata: ProofExchange; personalData: 'available' | 'blocked' | 'deleted'; blockedAt: Date | null; deletedAt: Date | null;
  }> {
    if (kind === 'request') {
      const r = await this.requests.find(id);
      if (!r || !isOwnSide(r, authorityId)) throw new NotFound('request');
      return {
        personalData: r.personalDataDeletedAt ? 'deleted' : r.blockedAt ? 'blocked' : 'available',
        blockedAt: r.blockedAt ?? null, deletedAt: r.personalDataDeletedAt ?? null,
        metadata: {
          id: r.id, type: 'information-request', legislativeArea: r.legislativeArea, role: r.role,
          requesterAuthorityId: r.requesterAuthorityId, requesterNode: r.requesterNode, addresseeAuthorityId: r.addresseeAuthorityId, addresseeNode: r.addresseeNode,
          state: r.snapshot.state, sentAt: iso(r.snapshot.sentAt), acceptedAt: iso(r.snapshot.acceptedAt), closedAt: iso(r.snapshot.closedAt),
          history: (await this.requests.events(id)).map((e) => ({ type: e.type, at: e.at.toISOString() })),
        },
      };
    }
    const a = await this.alerts.find(id);
    if (!a || !(await this.alerts.isParty(a, authorityId))) throw new NotFound('alert');
    return {
      personalData: a.personalDataDeletedAt ? 'deleted' : a.blockedAt ? 'blocked' : 'available',
      blockedAt: a.blockedAt ?? null, deletedAt: a.personalDataDeletedAt ?? null,
      metadata: {
        id: a.id, type: a.kind, legislativeArea: a.legislativeArea, role: a.role, senderAuthorityId: a.senderAuthorityId, senderNode: a.senderNode,
        state: a.state, version: a.version, sentAt: iso(a.sentAt), endedAt: iso(a.endedAt),
        recipients: (await this.alerts.recipients(a)).map((r) => ({ authorityId: r.authorityId, node: r.node })),
      },
    };
  }

  private async sentMessages(caseId: string): Promise<ProofMessage[]> {
    const rows = await this.db.query<CopyRow & { message_id: string; headers: Record<string, string>; created_at: Date }>(
      `SELECT message_id, value, manifest, headers, created_at, body_erased_at, body_erasure, signed_value_sha256
       FROM outbox_messages WHERE message_key = $1 ORDER BY id`, [caseId],
    );
    const receipts = await this.db.query<{ message_id: string; recipient_node: string; delivered_at: Date | null; acknowledged_at: Date | null }>(
      'SELECT message_id, recipient_node, delivered_at, acknowledged_at FROM deliveries WHERE message_id = ANY($1::uuid[]) ORDER BY recipient_node',
      [rows.map((r) => r.message_id)],
    );
    return Promise.all(rows.map(async (row) => {
      // The manifest is itself an envelope: the metadata stays readable once the body is gone.
      const readable = row.value ?? row.manifest;
      const e = readable ? await this.codec.decodeEnvelope(readable) : null;
      return {
        direction: 'sent' as const, messageId: row.message_id, type: e?.type ?? 'unknown (protocol 1, body erased)', senderNode: e?.senderNode ?? this.config.country,
        senderAuthority: e?.senderAuthority ?? null, recipientNodes: e?.recipientNodes ?? [], sentAt: new Date(e?.sentAt ?? row.created_at).toISOString(),
        ...copyOf(row), senderSignature: row.headers[HEADERS.signature] ?? null, hubSignature: null,
        receipts: receipts.filter((d) => d.message_id === row.message_id)
          .map((d) => ({ node: d.recipient_node, appliedAt: iso(d.delivered_at), receiptRecordedAt: iso(d.acknowledged_at) })),
      };
    }));
  }

  private async receivedMessages(caseId: string): Promise<ProofMessage[]> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const rows = await this.db.query<CopyRow & Record<string, any>>(
      `SELECT message_id, type, sender_node, outcome, rejection_code, sent_at, received_at, sender_signature, hub_signature, value, manifest,
              signature_protocol, body_erased_at, body_erasure, signed_value_sha256
       FROM inbox_messages WHERE case_id = $1`, [caseId],
    );
    return rows.map((r) => ({
      direction: 'received' as const, messageId: r.message_id, type: r.type, senderNode: r.sender_node, senderAuthority: null, recipientNodes: [this.config.country],
      sentAt: (r.sent_at ?? r.received_at).toISOString(), ...copyOf(r), protocol: r.signature_protocol,
      senderSignature: r.sender_signature, hubSignature: r.hub_signature,
      outcome: r.rejection_code ? `rejected: ${r.rejection_code}` : r.outcome,
    }));
  }
}

const PROOF_VERIFICATION = ' Each message\'s senderSignature and hubSignature are detached JWS (RFC 7515 appendix F, RFC 7797 b64=false). '
  + 'A signature whose protected header has "imi": 2 (protocol 2) covers the message\'s manifest: its envelope with the body replaced by the '
  + 'body\'s SHA-256, so it still checks once the body has been erased; where the value is still given, the SHA-256 of its body equals the '
  + 'manifest\'s last 32 bytes. A protocol-1 signature covers the whole value; once that value is erased only its SHA-256 remains. '
  + 'Check with `node scripts/verify-proof.mjs <report.json> <trust-list.json>` or any JOSE library.';

/** A stored copy of a message, with or without its body. */
interface CopyRow {
  value: Buffer | null;
  manifest: Buffer | null;
  body_erased_at: Date | null;
  body_erasure: { reason: BodyErasureRecord['reason']; decision: string | null; decidedBy: string | null } | null;
  signed_value_sha256: Buffer | null;
}

function copyOf(row: CopyRow): Pick<ProofMessage, 'protocol' | 'manifest' | 'value' | 'bodyErased' | 'signedValueSha256'> {
  return {
    protocol: row.manifest ? 2 : 1,
    manifest: row.manifest?.toString('base64') ?? null,
    value: row.value?.toString('base64') ?? null,
    bodyErased: row.body_erased_at && row.body_erasure ? { at: row.body_erased_at.toISOString(), ...row.body_erasure } : null,
    signedValueSha256: row.signed_value_sha256?.toString('hex') ?? null,
  };
}
