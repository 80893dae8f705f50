import type { EncryptionKeyRecord } from '../registry/registry.repository';

/**
 * The rules an operator's rotation or destruction must follow, without I/O, so they can be
 * checked on their own. A broken rule is an `OperatorRefusal`: nothing has been changed.
 */
export class OperatorRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperatorRefusal';
  }
}

/**
 * How long the previous epoch stays readable after the next one starts, unless the operator
 * says otherwise: Kafka's default retention, so every retained copy sealed just before the
 * switch can still be opened.
 */
export const DEFAULT_PREVIOUS_OVERLAP_MS = 7 * 24 * 3600_000;

export interface RotationPlan {
  notBefore: Date;
  previousValidUntil: Date;
  /** True when the new key is not announced ahead: senders switch as soon as they see it. */
  immediate: boolean;
}

export function planRotation(
  keys: EncryptionKeyRecord[],
  notBefore: Date,
  previousValidUntil: Date | undefined,
  now: Date,
): RotationPlan {
  if (Number.isNaN(notBefore.getTime())) throw new OperatorRefusal('--not-before is not a valid ISO time');
  const until = previousValidUntil ?? new Date(notBefore.getTime() + DEFAULT_PREVIOUS_OVERLAP_MS);
  if (Number.isNaN(until.getTime())) throw new OperatorRefusal('--previous-valid-until is not a valid ISO time');
  // Before notBefore the previous key must still be valid, or there would be a gap with no key to seal for.
  if (until < notBefore) throw new OperatorRefusal('the previous key must stay valid at least until the next one starts');
  const latest = keys.filter((k) => k.status === 'active').reduce<Date | null>((max, k) => (max && max > k.notBefore ? max : k.notBefore), null);
  if (latest && notBefore <= latest) {
    throw new OperatorRefusal(`the next key must start after the newest one (${latest.toISOString()}), or it would never be current`);
  }
  return { notBefore, previousValidUntil: until, immediate: notBefore <= now };
}

export interface DestructionCheck {
  record: EncryptionKeyRecord;
  /** True when the key had not expired yet: messages still sealed for it become unreadable now. */
  early: boolean;
}

/**
 * A key may be destroyed once senders have stopped sealing for it: not the current key, and
 * not one announced for later (revoked keys excepted). Destroying an already destroyed key is
 * allowed, so an interrupted destruction can be run again.
 */
export function checkDestroyable(keys: EncryptionKeyRecord[], kid: string, now: Date): DestructionCheck {
  const record = keys.find((k) => k.kid === kid);
  if (!record) throw new OperatorRefusal(`no encryption key ${kid} for this node`);
  const expired = record.notAfter !== null && record.notAfter <= now;
  if (record.status === 'active' && !expired) {
    if (record.notBefore > now) throw new OperatorRefusal(`key ${kid} is announced for ${record.notBefore.toISOString()}: revoke it instead`);
    const current = keys
      .filter((k) => k.status === 'active' && k.notBefore <= now && (k.notAfter === null || k.notAfter > now))
      .sort((a, b) => b.notBefore.getTime() - a.notBefore.getTime())[0];
    if (current?.kid === kid) throw new OperatorRefusal(`key ${kid} is the current key: rotate first, and destroy it once senders have moved on`);
  }
  return { record, early: record.status === 'active' && !expired };
}
