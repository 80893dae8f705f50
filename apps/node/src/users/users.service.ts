import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { Secret, TOTP } from 'otpauth';
import { checkRoles, lockedUntil, Page, PAGE_SIZE_DEFAULT, pageOf } from '@imi/domain';
import { Database } from '@imi/persistence';
import { AuthoritiesService } from '../authorities/authorities.service';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { AuditLog } from '../privacy/audit-log';
import { positionOf } from '../lists/cursor';
import { Conflict, NotFound, Unauthenticated } from '../problem/errors';
import { LastAdministrator, leavesNoAdministrator } from './administrators';
import { createUserForFirstSignIn, secondFactorEnrolment, TOTP_PERIOD_S, totpFor, userView } from './enrolment';
import { EndedSessions } from './ended-sessions';
import { SessionTokens, SignedInSession } from './session-tokens';
import { CreateUserDto, FirstSignInDto, ListUsersQuery, SignInDto, TotpEnrolment, UserView } from './users.dto';
import { UserRecord, UserRepository } from './users.repository';

/** The one sort of the users list, named in its cursors. */
const USER_SORT = 'users-created-desc';

/** Compared against when the address is unknown, so a refusal takes as long either way; made on first need, not at start. */
let dummyHash: Promise<string> | null = null;
const timingEqualiser = () => (dummyHash ??= argon2.hash('timing equaliser, never a password', { type: argon2.argon2id }));

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
    private readonly ended: EndedSessions,
    private readonly audit: AuditLog,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  /** The administrator gives a password; the second factor waits for the user's first sign-in, so the administrator never holds it. */
  async create(actingId: string | undefined, dto: CreateUserDto, now = new Date()): Promise<UserView> {
    const acting = this.authorities.acting(actingId);
    return createUserForFirstSignIn({ db: this.db, users: this.users, audit: this.audit }, acting.id, dto, now);
  }

  async list(actingId: string | undefined, query: ListUsersQuery): Promise<Page<UserView>> {
    const acting = this.authorities.acting(actingId);
    const limit = query.limit ?? PAGE_SIZE_DEFAULT;
    const rows = await this.users.page(acting.id, { role: query.role, status: query.status }, positionOf(query.cursor, USER_SORT), limit);
    const page = pageOf(rows, limit, USER_SORT, (u) => u.pageKey);
    return { items: page.items.map(userView), nextCursor: page.nextCursor };
  }

  /**
   * The first sign-in of a user the administrator created: the right password draws the
   * second-factor secret and gives it back, once. A second call learns nothing more (409 to
   * the password's holder, the plain refusal to anyone else), so a secret taken by someone else
   * shows at the real user's first sign-in. The user then signs in with a code from it
   * (signIn), which confirms it; a wrong code counts as a failed sign-in and the secret stays.
   * Failures, lock-out and the audit as for signIn; the secret is never logged or audited.
   */
  async firstSignIn(dto: FirstSignInDto, now = new Date()): Promise<TotpEnrolment> {
    const outcome = await this.db.transaction(async (tx) => {
      const accounts = await this.users.activeByEmail(tx, dto.email);
      const user = dto.authorityId ? accounts.find((a) => a.authorityId === dto.authorityId) : accounts.length === 1 ? accounts[0] : undefined;
      const refuse = async (actor: string, reason: string) => {
        await this.audit.append(tx, { actor, action: 'sign-in-refused', exchangeId: `user:${actor}`, dataCategory: 'credentials', purpose: `first sign-in: ${reason}` }, now);
        return null;
      };
      if (!user || !user.passwordHash) {
        await argon2.verify(await timingEqualiser(), dto.password);
        return refuse('unknown', accounts.length > 1 && !dto.authorityId ? 'address of several authorities, none named' : 'unknown or inactive account');
      }
      if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) return refuse(user.id, 'account locked');
      if (!(await argon2.verify(user.passwordHash, dto.password))) {
        const failures = user.failedSignIns + 1;
        await this.users.recordFailure(tx, user.id, failures, lockedUntil(failures, now));
        return refuse(user.id, 'wrong password');
      }
      if (user.totpEnrolment !== 'pending') {
        await refuse(user.id, `second factor ${user.totpEnrolment} before`);
        return 'shown before' as const;
      }
      const secret = new Secret({ size: 20 }).base32;
      await this.users.showEnrolment(tx, user.id, secret);
      await this.audit.append(tx, { actor: user.id, action: 'write', exchangeId: `user:${user.id}`, dataCategory: 'credentials', purpose: 'second factor shown at first sign-in' }, now);
      return { email: user.email!, secret };
    });
    if (!outcome) throw new Unauthenticated('sign-in failed');
    if (outcome === 'shown before') {
      throw new Conflict('the second factor of this account was set up before: sign in with a code from your authenticator app, or ask your authority\'s administrator to create your account again');
    }
    return secondFactorEnrolment(this.config.country, outcome.email, outcome.secret);
  }

  /** `byUserId`: the administrator acting, who cannot take the administrator role from itself (another administrator can). */
  async setRoles(actingId: string | undefined, id: string, rawRoles: unknown, byUserId?: string): Promise<UserView> {
    const acting = this.authorities.acting(actingId);
    const roles = checkRoles(rawRoles);
    if (id === byUserId && !roles.includes('authority-administrator')) {
      throw new Conflict('you cannot take the authority-administrator role from yourself: another administrator of the authority can');
    }
    await this.db.transaction(async (tx) => {
      const administrators = await this.users.lockAdministrators(tx, acting.id);
      const user = await this.ownUser(id, acting.id, tx);
      if (user.status !== 'active') throw new NotFound('user');
      if (leavesNoAdministrator(administrators, { userId: id, roles })) throw new LastAdministrator();
      await this.users.setRoles(tx, id, roles);
      await this.audit.append(tx, { actor: acting.id, action: 'write', exchangeId: `user:${id}`, dataCategory: 'user account', purpose: `roles set to ${roles.join(', ')}` });
    });
    return userView((await this.users.find(id))!);
  }

  /** The user stops being a user: sessions end at once, and the user's own data is blocked. Not oneself: another administrator does that. */
  async deactivate(actingId: string | undefined, id: string, now = new Date(), byUserId?: string): Promise<UserView> {
    const acting = this.authorities.acting(actingId);
    if (id === byUserId) throw new Conflict('you cannot deactivate yourself: another administrator of the authority can');
    await this.db.transaction(async (tx) => {
      const administrators = await this.users.lockAdministrators(tx, acting.id);
      const user = await this.ownUser(id, acting.id, tx);
      if (user.status === 'deactivated') return;
      if (leavesNoAdministrator(administrators, { userId: id, deactivate: true })) throw new LastAdministrator();
      await this.users.deactivate(tx, id, now);
      await this.audit.append(tx, { actor: acting.id, action: 'block', exchangeId: `user:${id}`, dataCategory: 'user account', purpose: 'user deactivated' }, now);
    });
    return userView((await this.users.find(id))!);
  }

  /**
   * Password and one-time code, both required. Any failure gives the same answer, whether the
   * address is unknown, the account locked or deactivated, the password or the code wrong, or
   * the code already used; the audit log says which.
   */
  async signIn(dto: SignInDto, now = new Date()): Promise<{ token: string; expiresInMinutes: number }> {
    const outcome = await this.db.transaction(async (tx) => {
      const accounts = await this.users.activeByEmail(tx, dto.email);
      // One address may serve several authorities; then the user names the one to act for.
      const user = dto.authorityId ? accounts.find((a) => a.authorityId === dto.authorityId) : accounts.length === 1 ? accounts[0] : undefined;
      const refuse = async (actor: string, reason: string) => {
        await this.audit.append(tx, { actor, action: 'sign-in-refused', exchangeId: `user:${actor}`, dataCategory: 'credentials', purpose: reason }, now);
        return null;
      };
      if (!user || !user.passwordHash || !user.totpSecret) {
        await argon2.verify(await timingEqualiser(), dto.password);
        return refuse('unknown', accounts.length > 1 && !dto.authorityId ? 'address of several authorities, none named' : 'unknown or inactive account');
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
      // The first code from the secret shown at the first sign-in says it reached the user's app.
      const purpose = user.totpEnrolment === 'shown' ? 'sign-in, second factor confirmed' : 'sign-in';
      await this.audit.append(tx, { actor: user.id, action: 'sign-in', exchangeId: `user:${user.id}`, dataCategory: 'credentials', purpose }, now);
      return user;
    });
    if (!outcome) throw new Unauthenticated('sign-in failed');
    return { token: await this.tokens.issue({ userId: outcome.id, authorityId: outcome.authorityId, roles: outcome.roles }, now), expiresInMinutes: 15 };
  }

  /** Ends the session on the server: the token is refused from now on, also where a copy of it was kept. */
  async signOut(session: SignedInSession, now = new Date()): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.ended.end(tx, session.tokenId, session.expiresAt, now);
      this.audit.append(tx, { actor: session.userId, action: 'sign-out', exchangeId: `user:${session.userId}`, dataCategory: 'credentials', purpose: 'sign-out' }, now);
    });
  }

  private totp(label: string, secret: string): TOTP {
    return totpFor(this.config.country, label, secret);
  }

  private async ownUser(id: string, authorityId: string, tx: Parameters<UserRepository['find']>[1]): Promise<UserRecord> {
    const user = await this.users.find(id, tx);
    if (!user || user.authorityId !== authorityId) throw new NotFound('user');
    return user;
  }
}
