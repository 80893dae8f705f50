import { Injectable } from '@nestjs/common';
import {
  AUTHORITY_ID, checkDirectoryData, checkRegistrant, DirectoryData, DirectoryEntry, InvalidRequest, RegistrationRefused,
} from '@imi/domain';
import { AvroCodec, DirectoryUpdatedBody, Envelope, MessageRejected } from '@imi/envelope';
import { Database } from '@imi/persistence';
import { loadLegislativeAreas } from '../registry/legislative-areas';
import { DirectoryRepository } from './directory.repository';

/** The published statuses a registration may move to from the one the hub has (none: not published yet). */
const NEXT: Record<string, string[]> = {
  none: ['active'],
  active: ['active', 'suspended', 'removed'],
  suspended: ['active', 'suspended', 'removed'],
};

/**
 * Applies `directory.updated` messages, addressed to the hub itself (as audit checkpoints). The hub
 * trusts no node on its word: it checks the registration chain again (the acting coordinator
 * must be an active coordinator of the sending node covering the authority, before and after
 * the change), the areas, and that the national coordinator and removed authorities stay as
 * they are. A refusal goes back to the node as a signed rejection; nothing changes.
 */
@Injectable()
export class RegistrationHandler {
  private readonly areas = loadLegislativeAreas().map((a) => a.id);

  constructor(
    private readonly db: Database,
    private readonly directory: DirectoryRepository,
    private readonly codec: AvroCodec,
  ) {}

  async apply(envelope: Envelope): Promise<'applied' | 'duplicate'> {
    const body = await this.codec.decodeBody<DirectoryUpdatedBody>('directory.updated', envelope.body);
    const refuse = (reason: string): never => {
      throw new MessageRejected('registration-refused', reason);
    };
    if (!AUTHORITY_ID.test(body.authorityId) || !body.authorityId.startsWith(`${envelope.senderNode}-`)) refuse(`${body.authorityId} is not an authority id of ${envelope.senderNode}`);
    if (envelope.senderAuthority !== body.validatedBy) refuse('the acting coordinator must be the sender authority');
    if (body.kind !== 'competent-authority' && body.kind !== 'delegated-coordinator') refuse(`kind ${body.kind} cannot be published by a node`);
    const entry: DirectoryEntry & { validatedBy: string } = {
      ...this.directoryData(body), id: body.authorityId, node: envelope.senderNode, kind: body.kind, status: body.status, validatedBy: body.validatedBy,
    };
    return this.db.transaction(async (tx) => {
      // The authority's row is locked first: two hub instances applying the same message at once
      // (one of them about to be fenced) then see it applied, not a status it already moved to.
      const existing = await this.directory.authority(tx, entry.id);
      // A batch consumed again brings the same message again: applied once, acknowledged again.
      if (await this.directory.applied(tx, envelope.messageId)) return 'duplicate';
      if (existing && existing.node !== entry.node) refuse(`${entry.id} belongs to ${existing.node}`);
      const from = existing?.status ?? 'none';
      if (!(NEXT[from] ?? []).includes(entry.status)) refuse(`an authority that is ${from === 'none' ? 'not published' : from} cannot become ${entry.status}`);
      const actor = this.directory.registrant(await this.directory.authority(tx, entry.validatedBy));
      try {
        if (existing) checkRegistrant(actor, existing);
        checkRegistrant(actor, entry);
      } catch (error) {
        if (error instanceof RegistrationRefused) refuse(error.message);
        throw error;
      }
      return (await this.directory.apply(tx, entry, envelope.messageId, new Date(body.changedAt))) ? 'applied' : 'duplicate';
    });
  }

  private directoryData(body: DirectoryUpdatedBody): DirectoryData {
    try {
      return checkDirectoryData(body, this.areas);
    } catch (error) {
      if (error instanceof InvalidRequest) throw new MessageRejected('registration-refused', error.message);
      throw error;
    }
  }
}
