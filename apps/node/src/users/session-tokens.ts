import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { Role } from '@imi/domain';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';

export interface Session {
  userId: string;
  authorityId: string;
  roles: Role[];
}

/** Sessions are short-lived signed tokens: a stolen one is worth 15 minutes. */
export const SESSION_MINUTES = 15;

/**
 * Issues and checks session tokens (JWT, HS256). The key comes from SESSION_SECRET, or is
 * drawn at start: then a restart signs everyone out, which is acceptable for 15-minute sessions.
 */
@Injectable()
export class SessionTokens {
  /** Made once: given raw bytes, jose would import the key again for every token it checks. */
  private readonly key: KeyObject;
  private readonly issuer: string;

  constructor(@InjectNodeConfig() config: NodeConfig) {
    const secret = process.env.SESSION_SECRET;
    this.key = createSecretKey(secret ? Buffer.from(secret, 'utf8') : randomBytes(32));
    this.issuer = `imi-node-${config.country}`;
  }

  issue(session: Session, now = new Date()): Promise<string> {
    return new SignJWT({ authority: session.authorityId, roles: session.roles })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(session.userId)
      .setIssuer(this.issuer)
      .setAudience(this.issuer)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(now.getTime() / 1000) + SESSION_MINUTES * 60)
      .sign(this.key);
  }

  /** The session a token carries, or null when it is forged, expired or not ours. */
  async verify(token: string): Promise<Session | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: this.issuer, audience: this.issuer, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.authority !== 'string' || !Array.isArray(payload.roles)) return null;
      return { userId: payload.sub, authorityId: payload.authority, roles: payload.roles as Role[] };
    } catch {
      return null;
    }
  }
}
