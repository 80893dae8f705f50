import { Injectable } from '@nestjs/common';
import { canDisclosePersonalData } from '@imi/domain';
import { Tx } from '@imi/persistence';
import { AlertRecord, AlertRepository } from '../alerts/alert.repository';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { NotFound } from '../problem/errors';
import { RequestRecord, RequestRepository } from '../requests/request.repository';

/**
 * An information request or an alert/notification, as data subjects' rights and early deletion
 * see it: who takes part here and elsewhere, who holds the person, and the retention state.
 */
export interface Exchange {
  kind: 'request' | 'alert';
  id: string;
  legislativeArea: string;
  /** The authorities of this node taking part; the first acts for the node (the alert's addressee, not those it was distributed to). */
  partyAuthorityIds: string[];
  /** Every other node taking part. */
  otherNodes: string[];
  /** The other nodes holding the person: a message carrying personal data goes to these only. */
  holders: string[];
  /** Authorities named on messages to the other nodes (for the hub's purpose check). */
  otherAuthorityIds: string[];
  closed: boolean;
  blocked: boolean;
  deleted: boolean;
}

@Injectable()
export class Exchanges {
  constructor(
    private readonly requests: RequestRepository,
    private readonly alerts: AlertRepository,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  /** The exchange with this id, locked when a transaction is given. */
  async find(id: string, tx?: Tx): Promise<Exchange | null> {
    const request = tx ? await this.requests.lock(tx, id) : await this.requests.find(id);
    if (request) return fromRequest(request);
    const alert = tx ? await this.alerts.lock(tx, id) : await this.alerts.find(id);
    return alert ? this.fromAlert(alert) : null;
  }

  /** The exchange, if the authority takes part in it; otherwise exactly as if it did not exist. */
  async forParty(id: string, authorityId: string, tx?: Tx): Promise<Exchange> {
    const exchange = await this.find(id, tx);
    if (!exchange || !exchange.partyAuthorityIds.includes(authorityId)) throw new NotFound(`exchange ${id}`);
    return exchange;
  }

  private async fromAlert(alert: AlertRecord): Promise<Exchange> {
    const here = this.config.country;
    const recipients = await this.alerts.recipients(alert);
    const partyAuthorityIds = alert.role === 'sender'
      ? [alert.senderAuthorityId]
      : [...recipients.filter((r) => r.node === here && !r.distributedBy), ...recipients.filter((r) => r.node === here && r.distributedBy)].map((r) => r.authorityId);
    // Alerts from before participants were recorded: what each side knows.
    const known = alert.participantNodes.length > 0 ? alert.participantNodes : alert.role === 'sender' ? recipients.map((r) => r.node) : [alert.senderNode];
    const otherNodes = [...new Set(known)].filter((n) => n !== here);
    return {
      kind: 'alert', id: alert.id, legislativeArea: alert.legislativeArea, partyAuthorityIds, otherNodes, holders: otherNodes, otherAuthorityIds: [],
      closed: alert.state !== 'open', blocked: !!alert.blockedAt, deleted: !!alert.personalDataDeletedAt,
    };
  }
}

function fromRequest(r: RequestRecord): Exchange {
  const requester = r.role === 'requester';
  return {
    kind: 'request', id: r.id, legislativeArea: r.legislativeArea,
    partyAuthorityIds: [requester ? r.requesterAuthorityId : r.addresseeAuthorityId],
    otherNodes: [requester ? r.addresseeNode : r.requesterNode],
    // The addressee holds the person only once it accepted (the acceptance gate).
    holders: requester ? (canDisclosePersonalData(r.snapshot) ? [r.addresseeNode] : []) : [r.requesterNode],
    otherAuthorityIds: [requester ? r.addresseeAuthorityId : r.requesterAuthorityId],
    closed: r.snapshot.state === 'closed', blocked: !!r.blockedAt, deleted: !!r.personalDataDeletedAt,
  };
}
