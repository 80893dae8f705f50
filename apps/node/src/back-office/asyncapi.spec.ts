import { asyncApiDocument } from './asyncapi';
import { Contract } from './contract';
import { OPERATIONS } from './operations';

describe('the AsyncAPI document of the bridge', () => {
  const contract = new Contract();
  const document = asyncApiDocument(contract, 'FR');

  it('is AsyncAPI 3 with a message per command and event, every reference resolving', () => {
    expect(document.asyncapi).toBe('3.0.0');
    const messages = (document.components as { messages: Record<string, unknown> }).messages;
    for (const name of Object.keys(OPERATIONS)) expect(messages[`command.${name}`]).toBeDefined();
    const refs: string[] = [];
    JSON.stringify(document, (key, value) => {
      if (key === '$ref') refs.push(value);
      return value;
    });
    const resolve = (ref: string) => ref.slice(2).split('/').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], document);
    expect(refs.filter((ref) => !ref.startsWith('#/') || resolve(ref) === undefined)).toEqual([]);
  });

  it("says each command's roles, as the REST handler declares them", () => {
    const message = (document.components as { messages: Record<string, { description: string }> }).messages['command.alert.distribute'];
    expect(message.description).toContain('coordinator');
  });

  it('validates events and replies against their schemas', () => {
    const event = {
      eventId: 'DE-1', event: 'request.received', authorityId: 'DE-BE-AEK', occurredAt: new Date().toISOString(),
      id: '0b7d5c4e-8d2a-4c71-9a55-7f1f0f2b9c11', state: 'sent', detail: {}, content: {},
    };
    expect(contract.event(event)).toBe(true);
    expect(contract.event({ ...event, subject: { familyName: 'x' } })).toBe(false);
    expect(contract.reply({ status: 'refused', messageId: 'm', problem: { type: 'urn:imi:problem:x', title: 'x', status: 400 } })).toBe(true);
  });
});
