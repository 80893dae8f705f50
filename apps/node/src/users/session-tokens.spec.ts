import { NodeConfig } from '../config';
import { SESSION_MINUTES, SessionTokens } from './session-tokens';

const config = { country: 'FR' } as NodeConfig;
const session = { userId: 'user-1', authorityId: 'FR-CNOM', roles: ['case-handler' as const] };

describe('SessionTokens', () => {
  const tokens = new SessionTokens(config);
  const t0 = new Date('2026-11-30T10:00:00Z');

  it('gives back the session a token it issued', async () => {
    const token = await tokens.issue(session, t0);
    expect(await tokens.verify(token, t0)).toMatchObject(session);
  });

  it('refuses a token once expired, also after it was verified before', async () => {
    const token = await tokens.issue(session, t0);
    expect(await tokens.verify(token, new Date(t0.getTime() + 60_000))).toMatchObject(session);
    expect(await tokens.verify(token, new Date(t0.getTime() + SESSION_MINUTES * 60_000 + 1000))).toBeNull();
  });

  it('refuses a token with its claims changed or signed with another key', async () => {
    const token = await tokens.issue(session, t0);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['coordinator'] })).toString('base64url');
    expect(await tokens.verify(`${header}.${forged}.${signature}`, t0)).toBeNull();
    const otherNode = new SessionTokens(config); // a key of its own, drawn at start
    expect(await otherNode.verify(token, t0)).toBeNull();
  });

  it('refuses a token of another node, even one signed with the same secret', async () => {
    process.env.SESSION_SECRET = 'one secret shared by mistake between two nodes';
    try {
      const fr = new SessionTokens(config);
      const deToken = await new SessionTokens({ country: 'DE' } as NodeConfig).issue(session, t0);
      expect(await fr.verify(deToken, t0)).toBeNull(); // issuer and audience are FR's, not DE's
      expect(await fr.verify(await fr.issue(session, t0), t0)).toMatchObject(session);
    } finally {
      delete process.env.SESSION_SECRET;
    }
  });
});

describe('SessionTokens, one sign-in each', () => {
  it('gives every token its own id and its expiry, so one session can be ended alone', async () => {
    const tokens = new SessionTokens(config);
    const t0 = new Date('2026-11-30T10:00:00Z');
    const first = await tokens.verify(await tokens.issue(session, t0), t0);
    const second = await tokens.verify(await tokens.issue(session, t0), t0);
    expect(first!.tokenId).not.toEqual(second!.tokenId);
    expect(first!.expiresAt).toEqual(new Date(t0.getTime() + SESSION_MINUTES * 60_000));
  });
});
