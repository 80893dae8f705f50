/**
 * Encryption-key epochs (ARCHITECTURE.md, "Encryption"): each node has one X25519 key per
 * epoch. The trust list gives every epoch a period: senders seal for the newest key whose
 * period has begun; a key may seal or open nothing once its notAfter has passed.
 */

export interface EpochPeriod {
  /** ISO time from which senders use the key. */
  notBefore: string;
  /** ISO time after which the key may no longer seal or open; null while open-ended. */
  notAfter: string | null;
}

export function hasBegun(period: EpochPeriod, at: Date): boolean {
  return Date.parse(period.notBefore) <= at.getTime();
}

export function hasExpired(period: EpochPeriod, at: Date): boolean {
  return period.notAfter !== null && Date.parse(period.notAfter) <= at.getTime();
}

/** Valid to seal for at `at`: begun and not expired. */
export function isInForce(period: EpochPeriod, at: Date): boolean {
  return hasBegun(period, at) && !hasExpired(period, at);
}

/** The newest first, so the head of a filtered list is the current key. */
export function newestFirst<T extends EpochPeriod>(keys: T[]): T[] {
  return [...keys].sort((a, b) => Date.parse(b.notBefore) - Date.parse(a.notBefore));
}

const ENCRYPTION_KID = /^(?<node>[A-Za-z]+)-enc-(?<epoch>\d+)-[0-9a-f]+$/;

/** Node and epoch of a key id made by `generateEncryptionKey`, or null for any other id. */
export function parseEncryptionKid(kid: string): { node: string; epoch: number } | null {
  const match = ENCRYPTION_KID.exec(kid);
  return match ? { node: match.groups!.node, epoch: Number(match.groups!.epoch) } : null;
}

/** The epoch number after the highest one among `kids` (1 when there is none). */
export function nextEpoch(kids: string[]): number {
  return Math.max(0, ...kids.map((kid) => parseEncryptionKid(kid)?.epoch ?? 0)) + 1;
}
