import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomUUID } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { toDataURL } from 'qrcode';
import { checkPassword, checkRoles, lockedUntil } from '@imi/domain';
import { Database } from '@imi/persistence';
import { AuthoritiesService } from '../authorities/authorities.service';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { AuditLog } from '../privacy/audit-log';
import { NotFound, ProblemError, Unauthenticated } from '../problem/errors';
import { SessionTokens } from './session-tokens';
import { CreateUserDto, Enrolment, SignInDto, UserView } from './users.dto';
import { UserRecord, UserRepository } from './users.repository';

class EmailTaken extends ProblemError {
  readonly status = 409;
  readonly type = 'conflict';
}

/** Compared against when the address is unknown, so a refusal takes as long either way; made on first need, not at start. */
let dummyHash: Promise<string> | null = null;
const timingEqualiser = () => (dummyHash ??= argon2.hash('timing equaliser, never a password', { type: argon2.argon2id }));

const TOTP_PERIOD_S = 30;

/**
 * The users of this node's authorities: created by their authority with roles and enrolled
 * for a second factor, signed in with password (argon2id) and a one-time code (RFC 6238),
 * locked out after repeated failures, deactivated when they leave. Every sign-in and failure
 * is audited.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly authorities: AuthoritiesService,
    private readonly users: UserRepository,
    private readonly tokens: SessionTokens,
    private readonly audit: AuditLog,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  async create(actingId: string | undefined, dto: CreateUserDto, now = new Date()): Promise<Enrolment> {
    const acting = this.authorities.acting(actingId);
    const roles = checkRoles(dto.roles);
    const password = checkPassword(dto.password, dto);
    const secret = new Secret({ size: 20 });
    const user: UserRecord = {
      id: randomUUID(), authorityId: acting.id, email: dto.email.trim(), displayName: dto.displayName.trim(), roles,
      passwordHash: await argon2.hash(password, { type: argon2.argon2id }), totpSecret: secret.base32, totpLastStep: null,
      status: 'active', failedSignIns: 0, lockedUntil: null, createdAt: now, deactivatedAt: null, personalDataDeletedAt: null,
    };
    await this.db.transaction(async (tx) => {
      if (!(await this.users.insert(tx, user))) throw new EmailTaken('a user with this address exists on this node');
      await this.audit.append(tx, { actor: acting.id, action: 'write', exchangeId: `user:${user.id}`, dataCategory: 'user account', purpose: 'user created' }, now);
    });
    const otpauthUrl = this.totp(user.email!, secret.base32).toString();
    return { user: view(user), totp: { secret: secret.base32, otpauthUrl, qrCode: await toDataURL(otpauthUrl) } };
  }

  async list(actingId: string | undefined): Promise<UserView[]> {
    const acting = this.authorities.acting(actingId);
    return (await this.users.listOf(acting.id)).map(view);
  }

  async setRoles(actingId: string | undefined, id: string, rawRoles: unknown): Promise<UserView> {
    const acting = this.authorities.acting(actingId);
    const roles = checkRoles(rawRoles);
    await this.db.transaction(async (tx) => {
      const user = await this.ownUser(id, acting.id, tx);
      if (user.status !== 'active') throw new NotFound('user');
      await this.users.setRoles(tx, id, roles);
      await this.audit.append(tx, { actor: acting.id, action: 'write', exchangeId: `user:${id}`, dataCategory: 'user account', purpose: `roles set to ${roles.join(', ')}` });
    });
    return view((await this.users.find(id))!);
  }

  /** The user stops being a user: sessions end at once, and the user's own data is blocked. */
  async deactivate(actingId: string | undefined, id: string, now = new Date()): Promise<UserView> {
    const acting = this.authorities.acting(actingId);
    await this.db.transaction(async (tx) => {
      const user = await this.ownUser(id, acting.id, tx);
      if (user.status === 'deactivated') return;
      await this.users.deactivate(tx, id, now);
      await this.audit.append(tx, { actor: acting.id, action: 'block', exchangeId: `user:${id}`, dataCategory: 'user account', purpose: 'user deactivated' }, now);
    });
    return view((await this.users.find(id))!);
  }

  /**
   * Password and one-time code, both required. Any failure gives the same answer, whether the
   * address is unknown, the account locked or deactivated, the password or the code wrong, or
   * the code already used; the audit log says which.
   */
  async signIn(dto: SignInDto, now = new Date()): Promise<{ token: string; expiresInMinutes: number }> {
    const outcome = await this.db.transaction(async (tx) => {
      const user = await this.users.byEmail(tx, dto.email);
      const refuse = async (actor: string, reason: string) => {
        await this.audit.append(tx, { actor, action: 'sign-in-refused', exchangeId: `user:${actor}`, dataCategory: 'credentials', purpose: reason }, now);
        return null;
      };
      if (!user || user.status !== 'active' || !user.passwordHash || !user.totpSecret) {
        await argon2.verify(await timingEqualiser(), dto.password);
        return refuse(user?.id ?? 'unknown', 'unknown or inactive account');
      }
      if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) return refuse(user.id, 'account locked');
      const passwordOk = await argon2.verify(user.passwordHash, dto.password);
      const delta = this.totp(user.email!, user.totpSecret).validate({ token: dto.code, timestamp: now.getTime(), window: 1 });
      const step = delta === null ? null : Math.floor(now.getTime() / 1000 / TOTP_PERIOD_S) + delta;
      const codeOk = step !== null && (user.totpLastStep === null || step > user.totpLastStep);
      if (!passwordOk || !codeOk) {
        const failures = user.failedSignIns + 1;
        await this.users.recordFailure(tx, user.id, failures, lockedUntil(failures, now));
        return refuse(user.id, !passwordOk ? 'wrong password' : delta === null ? 'wrong one-time code' : 'one-time code used before');
      }
      await this.users.recordSignIn(tx, user.id, step!);
      await this.audit.append(tx, { actor: user.id, action: 'sign-in', exchangeId: `user:${user.id}`, dataCategory: 'credentials', purpose: 'sign-in' }, now);
      return user;
    });
    if (!outcome) throw new Unauthenticated('sign-in failed');
    return { token: await this.tokens.issue({ userId: outcome.id, authorityId: outcome.authorityId, roles: outcome.roles }, now), expiresInMinutes: 15 };
  }

  private totp(label: string, secret: string): TOTP {
    return new TOTP({ issuer: `IMI node ${this.config.country}`, label, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD_S, secret: Secret.fromBase32(secret) });
  }

  private async ownUser(id: string, authorityId: string, tx: Parameters<UserRepository['find']>[1]): Promise<UserRecord> {
    const user = await this.users.find(id, tx);
    if (!user || user.authorityId !== authorityId) throw new NotFound('user');
    return user;
  }
}

function view(u: UserRecord): UserView {
  const base = { id: u.id, authorityId: u.authorityId, status: u.status, roles: u.roles, createdAt: u.createdAt.toISOString(), deactivatedAt: u.deactivatedAt?.toISOString() ?? null };
  // A former user's own data is blocked: kept only as proof, shown to nobody.
  return u.status === 'active' ? { ...base, email: u.email!, displayName: u.displayName! } : base;
}
