import { Counter, Registry } from 'prom-client';
import { CommonMetrics, CommonSources } from './common-metrics';
import { messageTypeLabel, nodeLabel, rejectionCodeLabel } from './labels';

/** What the hub's router counts, once the Kafka transaction that carried its outcome committed. */
export type RoutedOutcome =
  | { kind: 'route' | 'for-hub'; type: string; senderNode: string }
  | { kind: 'reject'; type: string | null; senderNode: string | null; code: string };

/** The hub's metrics: what it routed, applied and rejected, and its router's lag. */
export class HubMetrics extends CommonMetrics<CommonSources> {
  readonly routed: Counter<'type' | 'sender_node'>;
  readonly applied: Counter<'type' | 'sender_node'>;
  readonly rejected: Counter<'type' | 'sender_node' | 'code'>;
  readonly fenced: Counter;

  constructor(registry: Registry) {
    super(registry);
    this.routed = new Counter({
      name: 'imi_hub_messages_routed_total', help: 'Messages the hub routed to their recipients\' inboxes, by message type and sender node',
      labelNames: ['type', 'sender_node'], registers: [registry],
    });
    this.applied = new Counter({
      name: 'imi_hub_messages_applied_total', help: 'Messages addressed to the hub itself (directory updates, audit checkpoints) it applied, by type and sender node',
      labelNames: ['type', 'sender_node'], registers: [registry],
    });
    this.rejected = new Counter({
      name: 'imi_hub_messages_rejected_total',
      help: 'Messages the hub rejected, by message type, sender node (only one whose signature checked out, else unknown) and rejection code',
      labelNames: ['type', 'sender_node', 'code'], registers: [registry],
    });
    this.fenced = new Counter({
      name: 'imi_hub_router_fenced_total', help: 'Batches of an ingress partition this hub instance could not commit because another instance claimed the partition', registers: [registry],
    });
  }

  /** Counts the outcomes of one committed batch. */
  count(outcomes: RoutedOutcome[]): void {
    for (const outcome of outcomes) {
      if (outcome.kind === 'reject') {
        this.rejected.inc({ type: messageTypeLabel(outcome.type), sender_node: nodeLabel(outcome.senderNode), code: rejectionCodeLabel(outcome.code) });
      } else {
        (outcome.kind === 'route' ? this.routed : this.applied).inc({ type: messageTypeLabel(outcome.type), sender_node: nodeLabel(outcome.senderNode) });
      }
    }
  }
}
