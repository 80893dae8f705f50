import { Contract, EVENT_SCHEMA, EVENTS, REPLY_SCHEMA } from './contract';
import { OPERATIONS, rolesOf } from './operations';
import { DEAD_LETTER_QUEUE, EVENTS_EXCHANGE, nodeVhost } from './topology';

const ref = (path: string) => ({ $ref: path });

/**
 * The bridge's contract as an AsyncAPI 3.0 document, served by the node (GET /asyncapi.json):
 * the command channel of a system (one operation per REST handler, with the roles it admits),
 * its reply and event channels, every command's and event's JSON Schema. Built from the same
 * table and schemas the bridge validates with.
 */
export function asyncApiDocument(contract: Contract, country: string): Record<string, unknown> {
  const commandMessages = Object.fromEntries(Object.entries(OPERATIONS).map(([name, spec]) => [
    `command.${name}`,
    {
      name,
      title: name,
      summary: spec.summary,
      description: `Roles admitted (as on the REST handler): ${rolesOf(spec).join(', ')}. AMQP properties: type = "${name}", message_id (required, at most once per id), correlation_id (echoed in the reply).`,
      contentType: 'application/json',
      payload: ref(`#/components/schemas/command.${name}`),
      bindings: { amqp: { messageType: name, deliveryMode: 2, bindingVersion: '0.3.0' } },
    },
  ]));
  const eventMessages = Object.fromEntries(Object.entries(EVENTS).map(([name, summary]) => [
    `event.${name}`,
    { name, title: name, summary, contentType: 'application/json', payload: ref('#/components/schemas/event'), bindings: { amqp: { messageType: name, bindingVersion: '0.3.0' } } },
  ]));
  const commandSchemas = Object.fromEntries(Object.entries(contract.commandSchemas).map(([name, schema]) => [
    `command.${name}`, JSON.parse(JSON.stringify(schema).replaceAll('urn:imi:node:openapi#/components/schemas/', '#/components/schemas/')),
  ]));
  const systemParameter = { systemId: { description: 'The back-office system, as registered by `npm run node:back-office -- add-system`' } };
  return {
    asyncapi: '3.0.0',
    info: {
      title: `IMI node ${country}: back-office bridge`,
      version: '1.0.0',
      description: `National back-office systems exchange with node ${country} over AMQP 0-9-1 on the vhost ${nodeVhost(country)}. `
        + 'A system acts for one competent authority with a set of roles, like a user; every command is the REST operation of the same name with the same rules. '
        + `Refused commands get a problem-details reply and go to ${DEAD_LETTER_QUEUE} with their reason; nothing changes.`,
    },
    defaultContentType: 'application/json',
    servers: {
      rabbitmq: { host: 'rabbitmq', protocol: 'amqp', protocolVersion: '0.9.1', pathname: `/${nodeVhost(country)}`, description: 'The node’s RabbitMQ vhost' },
    },
    channels: {
      commands: {
        address: 'imi.system.{systemId}.commands',
        description: "A system's command exchange (fanout to its durable quorum queue); only that system may publish to it.",
        parameters: systemParameter,
        messages: Object.fromEntries(Object.keys(commandMessages).map((key) => [key, ref(`#/components/messages/${key}`)])),
        bindings: { amqp: { is: 'routingKey', exchange: { name: 'imi.system.{systemId}.commands', type: 'fanout', durable: true, autoDelete: false, vhost: `/${nodeVhost(country)}` }, bindingVersion: '0.3.0' } },
      },
      replies: {
        address: 'imi.system.{systemId}.replies',
        description: "A system's reply queue: one reply per command, correlation_id = the command's (or its message_id).",
        parameters: systemParameter,
        messages: { reply: ref('#/components/messages/reply') },
        bindings: { amqp: { is: 'queue', queue: { name: 'imi.system.{systemId}.replies', durable: true, exclusive: false, autoDelete: false, vhost: `/${nodeVhost(country)}` }, bindingVersion: '0.3.0' } },
      },
      events: {
        address: 'imi.system.{systemId}.events',
        description: `A system's event queue, bound to ${EVENTS_EXCHANGE} (topic) with "<authorityId>.#": routing keys <authorityId>.<entity>.<event>, e.g. DE-BE-AEK.request.received.`,
        parameters: systemParameter,
        messages: Object.fromEntries(Object.keys(eventMessages).map((key) => [key, ref(`#/components/messages/${key}`)])),
        bindings: { amqp: { is: 'queue', queue: { name: 'imi.system.{systemId}.events', durable: true, exclusive: false, autoDelete: false, vhost: `/${nodeVhost(country)}` }, bindingVersion: '0.3.0' } },
      },
    },
    operations: {
      sendCommand: { action: 'send', channel: ref('#/channels/commands'), summary: 'A system sends a command', messages: Object.keys(commandMessages).map((key) => ref(`#/channels/commands/messages/${key}`)), reply: { channel: ref('#/channels/replies'), messages: [ref('#/channels/replies/messages/reply')] } },
      receiveEvent: { action: 'receive', channel: ref('#/channels/events'), summary: "A system receives its authority's events", messages: Object.keys(eventMessages).map((key) => ref(`#/channels/events/messages/${key}`)) },
    },
    components: {
      messages: { ...commandMessages, ...eventMessages, reply: { name: 'reply', contentType: 'application/json', payload: ref('#/components/schemas/reply') } },
      schemas: { ...contract.components(), ...commandSchemas, event: { ...EVENT_SCHEMA, $id: undefined }, reply: { ...REPLY_SCHEMA, $id: undefined } },
    },
  };
}
