import { Injectable } from '@nestjs/common';
import { malformedCheckpoint, refuseCheckpoint } from '@imi/domain';
import { AuditCheckpointBody, AvroCodec, Envelope, MessageRejected } from '@imi/envelope';
import { Database } from '@imi/persistence';
import { AuditCheckpointRepository } from './audit-checkpoint.repository';

/**
 * Applies `audit.checkpoint` messages: the hub keeps each node's latest audit chain head, so
 * that removing the newest entries of a node's log shows when the log is verified. A head that
 * went back (lower sequence) or changed (same sequence, another hash) is refused with a signed
 * rejection to the node, and the witness stays as it was: a chain only grows.
 */
@Injectable()
export class AuditCheckpointHandler {
  constructor(
    private readonly db: Database,
    private readonly checkpoints: AuditCheckpointRepository,
    private readonly codec: AvroCodec,
  ) {}

  /** `nodeSignature`: the sender's JWS header on the message, kept beside the head it vouches for. */
  async apply(envelope: Envelope, nodeSignature: string, now = new Date()): Promise<'applied' | 'duplicate'> {
    const body = await this.codec.decodeBody<AuditCheckpointBody>('audit.checkpoint', envelope.body);
    const malformed = malformedCheckpoint(body);
    if (malformed) throw new MessageRejected('invalid-content', malformed);
    return this.db.transaction(async (tx) => {
      // A batch consumed again brings the same message again: applied once, acknowledged again.
      if (!(await this.checkpoints.markApplied(tx, envelope.messageId, envelope.senderNode, now))) return 'duplicate';
      const refusal = refuseCheckpoint(await this.checkpoints.latest(envelope.senderNode, tx), body);
      if (refusal) throw new MessageRejected('checkpoint-refused', refusal.detail);
      await this.checkpoints.save(tx, {
        node: envelope.senderNode, sequence: body.sequence, headHash: body.headHash, checkpointedAt: new Date(body.checkpointedAt), witnessedAt: now,
        messageId: envelope.messageId, nodeSignature, trustListVersion: body.trustListVersion ?? null,
      });
      return 'applied';
    });
  }
}
