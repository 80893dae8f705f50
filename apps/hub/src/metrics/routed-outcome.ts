import { RoutedOutcome } from '@imi/metrics';
import { RoutingOutcome } from '../routing/router';

/** What the metrics keep of a routing outcome: the type, the authenticated sender and the code; never the reason (free text). */
export function routedOutcome(outcome: RoutingOutcome): RoutedOutcome {
  if (outcome.kind === 'reject') return { kind: 'reject', type: outcome.envelope?.type ?? null, senderNode: outcome.authenticatedSender ?? null, code: outcome.code };
  return { kind: outcome.kind, type: outcome.envelope.type, senderNode: outcome.envelope.senderNode };
}
