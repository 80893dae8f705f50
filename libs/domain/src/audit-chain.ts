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
  action: 'read' | 'write' | 'export' | 'block' | 'delete' | 'retrieve' | 'rectify' | 'contest' | 'sign-in' | 'sign-in-refused' | 'sign-out';
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

/**
 * A chain cannot see its own end cut off: deleting the newest entries leaves a shorter chain
 * that verifies. So the node sends its head (last sealed seq and hash) to an outside witness,
 * the hub, which keeps the latest one; the chain is then checked against it.
 */
export interface ChainCheckpoint {
  sequence: number;
  headHash: string;
}

const HEAD_HASH = /^[0-9a-f]{64}$/;

/** What is wrong with a checkpoint as received, or null when it is well-formed. */
export function malformedCheckpoint(checkpoint: ChainCheckpoint): string | null {
  if (!Number.isSafeInteger(checkpoint.sequence) || checkpoint.sequence < 1) return `sequence must be a positive integer, not ${checkpoint.sequence}`;
  if (!HEAD_HASH.test(checkpoint.headHash)) return 'headHash must be 64 lowercase hex digits';
  return null;
}

export type CheckpointRefusal = { problem: 'shrank' | 'forked'; detail: string };

/**
 * Whether the witness may take `next` after `held`: a chain only grows, so a lower sequence
 * means entries were removed, and the same sequence with another hash means the chain was
 * rewritten. A higher sequence is taken on trust: the witness holds heads, not entries.
 */
export function refuseCheckpoint(held: ChainCheckpoint | null, next: ChainCheckpoint): CheckpointRefusal | null {
  if (!held) return null;
  if (next.sequence < held.sequence) return { problem: 'shrank', detail: `the chain shrank: checkpoint at ${next.sequence}, witnessed ${held.sequence} before` };
  if (next.sequence === held.sequence && next.headHash !== held.headHash) {
    return { problem: 'forked', detail: `the chain forked: entry ${next.sequence} has another hash than witnessed before` };
  }
  return null;
}

export type WitnessVerdict =
  /** The local chain holds the witnessed head; `grownBy` entries were sealed after it. */
  | { status: 'witnessed'; sequence: number; grownBy: number }
  /** The local chain ends before the witnessed head: its newest entries were removed. */
  | { status: 'truncated'; sequence: number; lastSeq: number }
  /** The entry at the witnessed position is not the one witnessed (or is missing). */
  | { status: 'witness-mismatch'; sequence: number; witnessedHash: string; localHash: string | null };

/** Compares a local chain (sealed entries, any order) with the witness's latest checkpoint of it. */
export function compareWithWitness(chain: readonly { seq: number; hash: string }[], witness: ChainCheckpoint): WitnessVerdict {
  let lastSeq = 0;
  let localHash: string | null = null;
  for (const entry of chain) {
    lastSeq = Math.max(lastSeq, entry.seq);
    if (entry.seq === witness.sequence) localHash = entry.hash;
  }
  if (lastSeq < witness.sequence) return { status: 'truncated', sequence: witness.sequence, lastSeq };
  if (localHash !== witness.headHash) return { status: 'witness-mismatch', sequence: witness.sequence, witnessedHash: witness.headHash, localHash };
  return { status: 'witnessed', sequence: witness.sequence, grownBy: lastSeq - witness.sequence };
}
