import { isDatabaseUnavailable } from './unavailable';

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }],
    ['a crash shutdown (57P02)', { code: '57P02', message: 'terminating connection because of crash of another server process' }],
    ['the postmaster gone (57P01)', { code: '57P01', message: 'terminating connection due to unexpected postmaster exit' }],
    ['a server starting up (57P03)', { code: '57P03', message: 'the database system is starting up' }],
    ['a connection exception (08006)', { code: '08006', message: 'connection failure' }],
    ['too many connections', { code: '53300', message: 'sorry, too many clients already' }],
    ['a connection node-postgres lost', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
  ])('holds for %s', (_, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['a unique violation', { code: '23505', message: 'duplicate key value violates unique constraint' }],
    ['a syntax error', { code: '42601', message: 'syntax error' }],
    ['a deadlock (retried, but not an outage)', { code: '40P01', message: 'deadlock detected' }],
    ['a plain error', new Error('boom')],
    ['nothing', undefined],
    ['a string', 'Connection terminated'],
  ])('does not hold for %s', (_, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});
