import { BroadcastRoute } from '@imi/messaging';

/** Reads one kind of the hub's signed documents from the broadcast topic (see BroadcastConsumer). */
export interface BroadcastReader extends BroadcastRoute {
  /** What the node waits for at start, for its log. */
  readonly document: string;
  /** Resolves once the node may start as far as this document goes. */
  ready(): Promise<void>;
}

/** A promise with its resolver: for `ready()` resolved by the first document received. */
export function firstArrival(): { arrived: Promise<void>; arrive: () => void } {
  let arrive: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  return { arrived, arrive };
}
