import { createHash } from 'node:crypto';

/**
 * The audit log is a hash chain: each entry's hash covers its content and the previous hash,
 * so changing or removing any entry breaks every hash after it. Entries name who, when, which
 * exchange, which data category and why; never a personal value.
 */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: 'read' | 'write' | 'export' | 'block' | 'delete' | 'retrieve' | 'rectify' | 'contest' | 'sign-in' | 'sign-in-refused';
  exchangeId: string;
  dataCategory: string;
  purpose: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function auditHash(entry: AuditEntry, previousHash: string): string {
  // Fixed field order: the hash must not depend on how an object was built.
  const canonical = JSON.stringify([entry.seq, entry.at, entry.actor, entry.action, entry.exchangeId, entry.dataCategory, entry.purpose]);
  return createHash('sha256').update(previousHash).update(canonical).digest('hex');
}

export type ChainBreak = { seq: number; problem: 'hash-mismatch' | 'sequence-gap' | 'previous-hash-mismatch' };

/** Checks a whole chain, in sequence order; returns the first break, or null if intact. */
export function verifyAuditChain(rows: readonly (AuditEntry & { previousHash: string; hash: string })[]): ChainBreak | null {
  let previous = GENESIS_HASH;
  let expectedSeq = rows[0]?.seq ?? 1;
  if (expectedSeq !== 1) return { seq: 1, problem: 'sequence-gap' };
  for (const row of rows) {
    if (row.seq !== expectedSeq) return { seq: expectedSeq, problem: 'sequence-gap' };
    if (row.previousHash !== previous) return { seq: row.seq, problem: 'previous-hash-mismatch' };
    if (auditHash(row, previous) !== row.hash) return { seq: row.seq, problem: 'hash-mismatch' };
    previous = row.hash;
    expectedSeq++;
  }
  return null;
}
