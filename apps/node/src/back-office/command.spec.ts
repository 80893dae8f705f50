import { Contract } from './contract';
import { parseCommand } from './command';
import { admits, handlerArguments, OPERATIONS, rolesOf } from './operations';
import { systemPermissions } from './topology';

describe('back-office commands', () => {
  const contract = new Contract();
  const id = '0b7d5c4e-8d2a-4c71-9a55-7f1f0f2b9c11';
  const body = (value: unknown) => Buffer.from(JSON.stringify(value));

  it('reads the operation, message id, path id and REST body', () => {
    const parsed = parseCommand({ messageId: 'm-1', type: 'request.reject' }, body({ requestId: id, reason: 'not competent' }), contract);
    expect(parsed).toMatchObject({ ok: true, operation: 'request.reject', messageId: 'm-1', id, body: { reason: 'not competent' } });
  });

  it('refuses each bad input class with its reason', () => {
    expect(parseCommand({ type: 'request.accept' }, body({ requestId: id }), contract)).toMatchObject({ ok: false, reason: 'missing-message-id', problem: { status: 400 } });
    expect(parseCommand({ messageId: 'm', type: 'request.delete-everything' }, body({}), contract)).toMatchObject({ ok: false, reason: 'unknown-operation' });
    expect(parseCommand({ messageId: 'm', type: 'request.accept' }, Buffer.from('{not json'), contract)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseCommand({ messageId: 'm', type: 'request.accept' }, body([id]), contract)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseCommand({ messageId: 'm', type: 'request.reject' }, body({ requestId: id, reason: 'x'.repeat(70_000) }), contract))
      .toMatchObject({ ok: false, reason: 'malformed', problem: { status: 413 } });
    const schema = parseCommand({ messageId: 'm', type: 'request.accept' }, body({ requestId: 'nope', extra: 1 }), contract);
    expect(schema).toMatchObject({ ok: false, reason: 'schema', problem: { status: 422 } });
    // Field names, never the values sent.
    expect(JSON.stringify(schema)).not.toContain('nope');
  });

  it('checks a create command against the REST body schema', () => {
    const missing = parseCommand({ messageId: 'm', type: 'request.create' }, body({ addresseeAuthorityId: 'DE-BE-AEK' }), contract);
    expect(missing).toMatchObject({ ok: false, reason: 'schema' });
    const ok = parseCommand({ messageId: 'm', type: 'request.create' }, body({
      addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: '2027-01-15T00:00:00Z',
      questions: [{ questionId: 'pq.diploma.authentic' }], subject: { familyName: 'A', givenNames: 'B' },
    }), contract);
    expect(ok).toMatchObject({ ok: true, id: undefined });
  });

  it('admits the roles the REST handler admits, read from its metadata', () => {
    expect(rolesOf(OPERATIONS['request.create'])).toEqual(['case-handler']);
    expect(admits(OPERATIONS['request.accept'], ['allocator'])).toBe(true);
    expect(admits(OPERATIONS['request.answer'], ['allocator'])).toBe(false);
    expect(admits(OPERATIONS['alert.distribute'], ['case-handler'])).toBe(false);
    for (const spec of Object.values(OPERATIONS)) expect(rolesOf(spec).length).toBeGreaterThan(0);
  });

  it("calls each REST handler with its arguments where its parameter decorators put them", () => {
    const id = '0b7d5c4e-8d2a-4c71-9a55-7f1f0f2b9c11';
    expect(handlerArguments(OPERATIONS['request.create'], 'FR-CNOM', undefined, { a: 1 })).toEqual(['FR-CNOM', { a: 1 }, undefined]);
    expect(handlerArguments(OPERATIONS['request.reject'], 'DE-BE-AEK', id, { reason: 'r' })).toEqual(['DE-BE-AEK', id, { reason: 'r' }, undefined]);
    expect(handlerArguments(OPERATIONS['request.accept'], 'DE-BE-AEK', id, undefined)).toEqual(['DE-BE-AEK', id, undefined]);
    expect(handlerArguments(OPERATIONS['subject-request.decide'], 'FR-CNOM', id, { grant: true })).toEqual(['FR-CNOM', id, { grant: true }]);
    // Every operation's handler takes nothing the bridge cannot give.
    for (const spec of Object.values(OPERATIONS)) expect(handlerArguments(spec, 'FR-CNOM', id, {})[0]).toBe('FR-CNOM');
  });

  it("lets a system write only to its own command exchange and read only its own queues", () => {
    const p = systemPermissions('fr-register');
    expect(p.configure).toBe('^$');
    expect(new RegExp(p.write).test('imi.system.fr-register.commands')).toBe(true);
    expect(new RegExp(p.write).test('imi.system.fr-registerx.commands')).toBe(false);
    expect(new RegExp(p.read).test('imi.system.fr-register.replies')).toBe(true);
    expect(new RegExp(p.read).test('imi.system.other.events')).toBe(false);
    expect(new RegExp(p.read).test('imi.dead-letter')).toBe(false);
  });
});
