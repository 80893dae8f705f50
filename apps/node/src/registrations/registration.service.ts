import { Injectable } from '@nestjs/common';
import {
  AUTHORITY_ID, checkDirectoryData, Page, PAGE_SIZE_DEFAULT, checkRegistrant, DirectoryData, InvalidRequest, nextRegistrationStatus, nodeLanguage, PUBLISHED_STATUSES, Registrant, RegistrationAction, RegistrationRefused,
} from '@imi/domain';
import { AuthorityEntry, HUB_NODE, TrustStore } from '@imi/envelope';
import { Database, Tx } from '@imi/persistence';
import { AuthoritiesService } from '../authorities/authorities.service';
import { DirectoryStore } from '../directory/directory.store';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { Outgoing } from '../messaging/outgoing';
import { AuditLog } from '../privacy/audit-log';
import { Conflict, NotFound, UnprocessableRequest } from '../problem/errors';
import { RegistrationRepository, RegistrationRecord } from './registration.repository';
import { cursorAfter, registrationAfter } from './registration-cursor';
import { ListRegistrationsQuery, RegistrationSummary, RegistrationView } from './registration.dto';

/**
 * The registration chain on a member state's node: its coordinators register authorities and
 * delegated coordinators, validate them, suspend, reinstate and remove them (domain rules in
 * libs/domain/src/registration.ts). Each published change goes to the hub as a signed
 * `directory.updated`, which checks it again, updates the trust list and broadcasts the
 * directory; the hub's receipt or rejection shows on the registration.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly db: Database,
    private readonly registrations: RegistrationRepository,
    private readonly authorities: AuthoritiesService,
    private readonly trust: TrustStore,
    private readonly outgoing: Outgoing,
    private readonly audit: AuditLog,
    private readonly directory: DirectoryStore,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  async register(actingId: string | undefined, userId: string, raw: { id: unknown; kind: unknown } & Record<string, unknown>, now = new Date()): Promise<RegistrationView> {
    const actor = this.registrant(actingId);
    if (typeof raw.id !== 'string' || !AUTHORITY_ID.test(raw.id) || !raw.id.startsWith(`${this.config.country}-`)) {
      throw new InvalidRequest(`id must be an authority id of ${this.config.country} (${this.config.country}-…, capitals, digits, hyphens)`);
    }
    if (raw.kind !== 'competent-authority' && raw.kind !== 'delegated-coordinator') throw new InvalidRequest('kind must be competent-authority or delegated-coordinator');
    const data = checkDirectoryData(raw, (this.trust.current?.legislativeAreas ?? []).map((a) => a.id));
    checkRegistrant(actor, { node: this.config.country, kind: raw.kind, legislativeAreas: data.legislativeAreas, region: data.region });
    const record: RegistrationRecord = {
      ...data, id: raw.id, kind: raw.kind, status: 'registered', registeredBy: actor.id, validatedBy: null, lastPublishedMessage: null, createdAt: now, updatedAt: now,
    };
    await this.db.transaction(async (tx) => {
      // Ids are public organisation data: saying one is taken leaks nothing.
      if (this.trust.authority(record.id) || !(await this.registrations.insert(tx, record))) throw new Conflict(`${record.id} is already registered`);
      await this.registrations.addHistory(tx, record.id, { action: 'register', status: 'registered', byAuthority: actor.id, at: now }, userId);
      await this.audit.append(tx, { actor: userId, action: 'write', exchangeId: `registration:${record.id}`, dataCategory: 'organisation', purpose: 'authority registered' }, now);
    });
    return this.get(record.id);
  }

  async act(actingId: string | undefined, userId: string, id: string, action: RegistrationAction, now = new Date()): Promise<RegistrationView> {
    const actor = this.registrant(actingId);
    await this.db.transaction(async (tx) => {
      const record = await this.adopted(tx, id, now);
      checkRegistrant(actor, { node: this.config.country, kind: record.kind, legislativeAreas: record.legislativeAreas, region: record.region });
      const status = nextRegistrationStatus(record.status, action);
      // The hub hears of a registration from its validation on; one removed before that never left the node.
      const published = PUBLISHED_STATUSES.includes(record.status) || status === 'active';
      const messageId = published ? await this.publish(tx, { ...record, status }, actor.id, now) : null;
      await this.registrations.setStatus(tx, id, status, action === 'validate' ? actor.id : null, messageId, now);
      await this.registrations.addHistory(tx, id, { action, status, byAuthority: actor.id, at: now }, userId);
      await this.audit.append(tx, { actor: userId, action: 'write', exchangeId: `registration:${id}`, dataCategory: 'organisation', purpose: `authority ${action}` }, now);
    });
    return this.get(id);
  }

  /**
   * Changes an authority's directory data (names, address, areas, keywords, professions, region).
   * The coordinator must cover the authority before and after the change; a published one is
   * published again, so the hub, the trust list and every node's directory follow.
   */
  async update(actingId: string | undefined, userId: string, id: string, changes: Record<string, unknown>, now = new Date()): Promise<RegistrationView> {
    const actor = this.registrant(actingId);
    await this.db.transaction(async (tx) => {
      const record = await this.adopted(tx, id, now);
      if (record.status === 'removed') throw new RegistrationRefused('transition-not-allowed', 'a removed authority cannot be changed');
      const current: DirectoryData = { names: record.names, address: record.address, legislativeAreas: record.legislativeAreas, keywords: record.keywords, professions: record.professions, region: record.region };
      const data = checkDirectoryData({ ...current, ...changes }, (this.trust.current?.legislativeAreas ?? []).map((a) => a.id));
      for (const scope of [record, data]) checkRegistrant(actor, { node: this.config.country, kind: record.kind, legislativeAreas: scope.legislativeAreas, region: scope.region });
      await this.registrations.updateData(tx, id, data, now);
      const messageId = PUBLISHED_STATUSES.includes(record.status) ? await this.publish(tx, { ...record, ...data }, actor.id, now) : null;
      await this.registrations.setStatus(tx, id, record.status, null, messageId, now);
      await this.registrations.addHistory(tx, id, { action: 'update', status: record.status, byAuthority: actor.id, at: now }, userId);
      await this.audit.append(tx, { actor: userId, action: 'write', exchangeId: `registration:${id}`, dataCategory: 'organisation', purpose: 'authority data changed' }, now);
    });
    return this.get(id);
  }

  /** The member state's registrations a page at a time, in the order of their ids, without history. */
  async list(actingId: string | undefined, query: ListRegistrationsQuery = {}): Promise<Page<RegistrationSummary>> {
    this.registrant(actingId);
    const limit = query.limit ?? PAGE_SIZE_DEFAULT;
    const rows = await this.registrations.page(query, query.cursor ? this.idAfter(query.cursor) : null, limit);
    const items = rows.slice(0, limit);
    return { items: items.map(summary), nextCursor: rows.length > limit ? cursorAfter(items[items.length - 1].id) : null };
  }

  private async view(record: RegistrationRecord): Promise<RegistrationView> {
    const publication = record.lastPublishedMessage ? await this.registrations.publication(record.lastPublishedMessage) : null;
    return {
      ...summary(record),
      publication: publication && {
        messageId: record.lastPublishedMessage!,
        acceptedByHubAt: publication.deliveredAt?.toISOString() ?? null,
        refusedByHub: publication.rejection,
      },
      history: (await this.registrations.history(record.id)).map((h) => ({ ...h, at: h.at.toISOString() })),
    };
  }

  /** Where the page starts; a cursor not made by this list is a 422. */
  private idAfter(cursor: string): string {
    const id = registrationAfter(cursor);
    if (id === null) throw new UnprocessableRequest('the cursor is not one this list gave');
    return id;
  }

  async find(actingId: string | undefined, id: string): Promise<RegistrationView> {
    this.registrant(actingId);
    return this.get(id);
  }

  private async get(id: string): Promise<RegistrationView> {
    const record = await this.registrations.find(id);
    if (!record) throw new NotFound('registration');
    return this.view(record);
  }

  /** The acting authority as a registrant: it must be one of this node's coordinators. */
  private registrant(actingId: string | undefined): Registrant {
    const acting: AuthorityEntry = this.authorities.acting(actingId);
    return { id: acting.id, node: acting.node, kind: acting.kind ?? 'competent-authority', status: acting.status, legislativeAreas: acting.legislativeAreas, region: acting.region ?? null };
  }

  /**
   * A registration of this node; an authority the operator registered before the chain ran on
   * the node (in the trust list, not in the registrations) is taken over as active, so its
   * coordinators can suspend or remove it too. The national coordinator is never taken over.
   */
  private async adopted(tx: Tx, id: string, now: Date): Promise<RegistrationRecord> {
    const found = await this.registrations.find(id, tx);
    if (found) return found;
    const listed = this.trust.authority(id);
    if (!listed || listed.node !== this.config.country || listed.kind === 'national-coordinator') throw new NotFound('registration');
    // Its directory data as the hub broadcast it, so that a change of status keeps its names in every language.
    const known = this.directory.entry(id);
    const record: RegistrationRecord = {
      id, kind: listed.kind === 'delegated-coordinator' ? 'delegated-coordinator' : 'competent-authority', status: listed.status === 'suspended' ? 'suspended' : 'active',
      names: known?.names ?? { [nodeLanguage(this.config.country)]: listed.name }, address: known?.address ?? null,
      legislativeAreas: listed.legislativeAreas, keywords: known?.keywords ?? {}, professions: known?.professions ?? [], region: listed.region ?? null,
      registeredBy: 'hub operator', validatedBy: null, lastPublishedMessage: null, createdAt: now, updatedAt: now,
    };
    await this.registrations.insert(tx, record);
    return (await this.registrations.find(id, tx))!;
  }

  private publish(tx: Tx, record: RegistrationRecord, actorId: string, now: Date): Promise<string> {
    return this.outgoing.send(tx, {
      type: 'directory.updated',
      caseId: `registration:${record.id}`,
      recipientNodes: [HUB_NODE],
      senderAuthority: actorId,
      body: {
        authorityId: record.id, kind: record.kind, status: record.status as 'active' | 'suspended' | 'removed', validatedBy: actorId,
        names: record.names, address: record.address, legislativeAreas: record.legislativeAreas, keywords: record.keywords,
        professions: record.professions, region: record.region, changedAt: now.getTime(),
      },
    }, now);
  }
}

function summary(r: RegistrationRecord): RegistrationSummary {
  return {
    id: r.id, kind: r.kind, status: r.status, names: r.names, address: r.address, legislativeAreas: r.legislativeAreas, keywords: r.keywords,
    professions: r.professions, region: r.region, registeredBy: r.registeredBy, validatedBy: r.validatedBy,
  };
}
