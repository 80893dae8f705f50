/**
 * Names on a node's vhost. Each system has its own command exchange and queue (only it may
 * write there), its own reply and event queues (only it may read there); events go through one
 * topic exchange with routing keys `<authority>.<entity>.<event>`, and each system's event
 * queue is bound to its own authority's keys only.
 */
export const EVENTS_EXCHANGE = 'imi.events';
export const DEAD_LETTER_QUEUE = 'imi.dead-letter';

export interface SystemNames {
  commandExchange: string;
  commandQueue: string;
  replyQueue: string;
  eventQueue: string;
}

export function systemNames(systemId: string): SystemNames {
  return {
    commandExchange: `imi.system.${systemId}.commands`,
    commandQueue: `imi.system.${systemId}.commands`,
    replyQueue: `imi.system.${systemId}.replies`,
    eventQueue: `imi.system.${systemId}.events`,
  };
}

export function eventRoutingKey(authorityId: string, entity: string, event: string): string {
  return `${authorityId}.${entity}.${event}`;
}

/** The binding of a system's event queue: every event of its authority. */
export function eventBindingKey(authorityId: string): string {
  return `${authorityId}.#`;
}

const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * RabbitMQ permissions of a system's user (regular expressions on resource names): it
 * declares nothing, writes only to its own command exchange, reads only its replies and events.
 */
export function systemPermissions(systemId: string): { configure: string; write: string; read: string } {
  const names = systemNames(systemId);
  return {
    configure: '^$',
    write: `^${escape(names.commandExchange)}$`,
    read: `^(${escape(names.replyQueue)}|${escape(names.eventQueue)})$`,
  };
}

/** The AMQP user name of a system of a node. */
export function systemUsername(country: string, systemId: string): string {
  return `${country.toLowerCase()}-system-${systemId}`;
}

export function nodeUsername(country: string): string {
  return `node-${country}`;
}

export function nodeVhost(country: string): string {
  return `imi-node-${country}`;
}
