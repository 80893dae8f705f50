import * as argon2 from 'argon2';
import { randomUUID } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { toDataURL } from 'qrcode';
import { checkPassword, checkRoles } from '@imi/domain';
import { Database } from '@imi/persistence';
import { AuditLog } from '../privacy/audit-log';
import { ProblemError } from '../problem/errors';
import { CreateUserDto, Enrolment, TotpEnrolment, UserView } from './users.dto';
import { UserRecord, UserRepository } from './users.repository';

export const TOTP_PERIOD_S = 30;

/** The address is already an active user of the same authority (which its administrator sees anyway). */
export class EmailTaken extends ProblemError {
  readonly status = 409;
  readonly type = 'conflict';
}

export function totpFor(country: string, label: string, secret: string): TOTP {
  return new TOTP({ issuer: `IMI node ${country}`, label, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD_S, secret: Secret.fromBase32(secret) });
}

/**
 * Creates a user of an authority with its roles and a fresh second-factor secret, shown once,
 * to the operator who runs it: the node CLI (the first administrator of an authority) and tests.
 */
export async function enrolUser(
  deps: { db: Database; users: UserRepository; audit: AuditLog },
  country: string,
  authorityId: string,
  dto: CreateUserDto,
  now = new Date(),
): Promise<Enrolment> {
  const secret = new Secret({ size: 20 });
  const user = await insertUser(deps, authorityId, dto, { totpSecret: secret.base32, totpEnrolment: 'confirmed' }, now);
  return { user: userView(user), totp: await secondFactorEnrolment(country, user.email!, secret.base32) };
}

/**
 * Creates a user whose second factor the user sets up at the first sign-in (UsersService.firstSignIn):
 * the administrator who creates it gives a password and never sees the secret.
 */
export async function createUserForFirstSignIn(
  deps: { db: Database; users: UserRepository; audit: AuditLog },
  authorityId: string,
  dto: CreateUserDto,
  now = new Date(),
): Promise<UserView> {
  return userView(await insertUser(deps, authorityId, dto, { totpSecret: null, totpEnrolment: 'pending' }, now));
}

async function insertUser(
  deps: { db: Database; users: UserRepository; audit: AuditLog },
  authorityId: string,
  dto: CreateUserDto,
  secondFactor: Pick<UserRecord, 'totpSecret' | 'totpEnrolment'>,
  now: Date,
): Promise<UserRecord> {
  const roles = checkRoles(dto.roles);
  const password = checkPassword(dto.password, dto);
  const user: UserRecord = {
    id: randomUUID(), authorityId, email: dto.email.trim(), displayName: dto.displayName.trim(), roles,
    passwordHash: await argon2.hash(password, { type: argon2.argon2id }), ...secondFactor, totpLastStep: null,
    status: 'active', failedSignIns: 0, lockedUntil: null, createdAt: now, deactivatedAt: null, personalDataDeletedAt: null,
  };
  await deps.db.transaction(async (tx) => {
    if (!(await deps.users.insert(tx, user))) throw new EmailTaken('this authority has an active user with this address');
    await deps.audit.append(tx, { actor: authorityId, action: 'write', exchangeId: `user:${user.id}`, dataCategory: 'user account', purpose: 'user created' }, now);
  });
  return user;
}

/** What an authenticator app needs: the secret for typing in, and the same as an otpauth URL and its QR code. */
export async function secondFactorEnrolment(country: string, email: string, secret: string): Promise<TotpEnrolment> {
  const otpauthUrl = totpFor(country, email, secret).toString();
  return { secret, otpauthUrl, qrCode: await toDataURL(otpauthUrl) };
}

export function userView(u: UserRecord): UserView {
  const base = {
    id: u.id, authorityId: u.authorityId, status: u.status, roles: u.roles, secondFactor: u.totpEnrolment,
    createdAt: u.createdAt.toISOString(), deactivatedAt: u.deactivatedAt?.toISOString() ?? null,
  };
  // A former user's own data is blocked: kept only as proof, shown to nobody.
  return u.status === 'active' ? { ...base, email: u.email!, displayName: u.displayName! } : base;
}
