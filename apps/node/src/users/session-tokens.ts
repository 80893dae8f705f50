import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { createSecretKey, KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { Role } from '@imi/domain';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';

export interface Session {
  userId: string;
  authorityId: string;
  roles: Role[];
}

/** A session as its token carries it: `tokenId` names this one sign-in, so it can be ended before it expires. */
export interface SignedInSession extends Session {
  tokenId: string;
  expiresAt: Date;
}

/** Sessions are short-lived signed tokens: a stolen one is worth 15 minutes. */
export const SESSION_MINUTES = 15;

/** Tokens checked recently, kept so each is verified once, not on every call (bounded). */
const VERIFIED_CACHE_SIZE = 2_000;

/**
 * Issues and checks session tokens (JWT, HS256). The key comes from SESSION_SECRET, or is
 * drawn at start: then a restart signs everyone out, which is acceptable for 15-minute sessions.
 *
 * A token that passed verification is remembered with its expiry: jose verifies HS256 through
 * WebCrypto, asynchronously, and that cost 8.6 % of node FR's busy time under load, for the same
 * few tokens again and again. Only a token that verified is remembered, and its expiry is still
 * checked on every call; whether its user may still act is the guard's check, made every time.
 */
@Injectable()
export class SessionTokens {
  /** Made once: given raw bytes, jose would import the key again for every token it checks. */
  private readonly key: KeyObject;
  private readonly issuer: string;
  private readonly verified = new Map<string, { session: SignedInSession; expiresAtMs: number }>();

  constructor(@InjectNodeConfig() config: NodeConfig) {
    const secret = process.env.SESSION_SECRET;
    this.key = createSecretKey(secret ? Buffer.from(secret, 'utf8') : randomBytes(32));
    this.issuer = `imi-node-${config.country}`;
  }

  issue(session: Session, now = new Date()): Promise<string> {
    return new SignJWT({ authority: session.authorityId, roles: session.roles })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(session.userId)
      .setJti(randomUUID())
      .setIssuer(this.issuer)
      .setAudience(this.issuer)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(now.getTime() / 1000) + SESSION_MINUTES * 60)
      .sign(this.key);
  }

  /** The session a token carries, or null when it is forged, expired or not ours. */
  async verify(token: string, now = new Date()): Promise<SignedInSession | null> {
    const known = this.verified.get(token);
    if (known) {
      if (now.getTime() < known.expiresAtMs) return known.session;
      this.verified.delete(token);
      return null;
    }
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: this.issuer, audience: this.issuer, algorithms: ['HS256'], currentDate: now });
      if (typeof payload.sub !== 'string' || typeof payload.authority !== 'string' || !Array.isArray(payload.roles) || typeof payload.exp !== 'number') return null;
      if (typeof payload.jti !== 'string') return null;
      const session = { userId: payload.sub, authorityId: payload.authority, roles: payload.roles as Role[], tokenId: payload.jti, expiresAt: new Date(payload.exp * 1000) };
      this.remember(token, session, payload.exp * 1000);
      return session;
    } catch {
      return null;
    }
  }

  private remember(token: string, session: SignedInSession, expiresAtMs: number): void {
    // Oldest first out: a Map iterates in insertion order.
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { session, expiresAtMs });
  }
}
