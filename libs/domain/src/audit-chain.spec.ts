import { AuditEntry, auditHash, compareWithWitness, GENESIS_HASH, malformedCheckpoint, refuseCheckpoint, verifyAuditChain } from './audit-chain';

function chain(n: number) {
  const rows: (AuditEntry & { previousHash: string; hash: string })[] = [];
  let previous = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry: AuditEntry = { seq, at: `2026-11-2${seq % 10}T00:00:00Z`, actor: 'DE-BE-AEK', action: 'read', exchangeId: `ex-${seq}`, dataCategory: 'subject', purpose: 'case handling' };
    const hash = auditHash(entry, previous);
    rows.push({ ...entry, previousHash: previous, hash });
    previous = hash;
  }
  return rows;
}

describe('verifyAuditChain', () => {
  it('accepts an intact chain, and an empty one', () => {
    expect(verifyAuditChain(chain(5))).toBeNull();
    expect(verifyAuditChain([])).toBeNull();
  });

  it('detects a changed entry', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], purpose: 'curiosity' };
    expect(verifyAuditChain(rows)).toEqual({ seq: 3, problem: 'hash-mismatch' });
  });

  it('detects a changed entry whose hash was recomputed, at the next entry', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], actor: 'someone else' };
    rows[2].hash = auditHash(rows[2], rows[2].previousHash);
    expect(verifyAuditChain(rows)).toEqual({ seq: 4, problem: 'previous-hash-mismatch' });
  });

  it('detects a removed entry, first or in the middle', () => {
    expect(verifyAuditChain(chain(5).filter((r) => r.seq !== 3))).toEqual({ seq: 3, problem: 'sequence-gap' });
    expect(verifyAuditChain(chain(5).slice(1))).toEqual({ seq: 1, problem: 'sequence-gap' });
  });
});

describe('checkpoints of the chain head', () => {
  const head = (rows: ReturnType<typeof chain>, seq: number) => ({ sequence: seq, headHash: rows[seq - 1].hash });

  it('finds a chain that holds the witnessed head intact, also after it grew', () => {
    const rows = chain(8);
    expect(compareWithWitness(rows.slice(0, 5), head(rows, 5))).toEqual({ status: 'witnessed', sequence: 5, grownBy: 0 });
    expect(compareWithWitness(rows, head(rows, 5))).toEqual({ status: 'witnessed', sequence: 5, grownBy: 3 });
  });

  it('finds the newest entries removed, which the chain alone cannot see', () => {
    const rows = chain(8);
    const cut = rows.slice(0, 6);
    expect(verifyAuditChain(cut)).toBeNull();
    expect(compareWithWitness(cut, head(rows, 8))).toEqual({ status: 'truncated', sequence: 8, lastSeq: 6 });
    expect(compareWithWitness([], head(rows, 8))).toEqual({ status: 'truncated', sequence: 8, lastSeq: 0 });
  });

  it('finds a chain cut and sealed again past the witnessed head, and a missing witnessed entry', () => {
    const rows = chain(8);
    const rewritten = chain(9).map((r) => ({ ...r, hash: r.seq >= 6 ? 'f'.repeat(64) : r.hash }));
    expect(compareWithWitness(rewritten, head(rows, 7))).toEqual({ status: 'witness-mismatch', sequence: 7, witnessedHash: rows[6].hash, localHash: 'f'.repeat(64) });
    expect(compareWithWitness(rows.filter((r) => r.seq !== 7), head(rows, 7))).toMatchObject({ status: 'witness-mismatch', localHash: null });
  });

  it('lets the witness take only a chain that grew or stayed, never one that shrank or forked', () => {
    const rows = chain(8);
    expect(refuseCheckpoint(null, head(rows, 3))).toBeNull();
    expect(refuseCheckpoint(head(rows, 3), head(rows, 3))).toBeNull();
    expect(refuseCheckpoint(head(rows, 3), head(rows, 8))).toBeNull();
    expect(refuseCheckpoint(head(rows, 8), head(rows, 3))).toMatchObject({ problem: 'shrank' });
    expect(refuseCheckpoint(head(rows, 3), { sequence: 3, headHash: rows[4].hash })).toMatchObject({ problem: 'forked' });
  });

  it('refuses malformed checkpoints', () => {
    expect(malformedCheckpoint({ sequence: 1, headHash: 'a'.repeat(64) })).toBeNull();
    expect(malformedCheckpoint({ sequence: 0, headHash: 'a'.repeat(64) })).toMatch(/sequence/);
    expect(malformedCheckpoint({ sequence: 1.5, headHash: 'a'.repeat(64) })).toMatch(/sequence/);
    expect(malformedCheckpoint({ sequence: 2, headHash: 'A'.repeat(64) })).toMatch(/headHash/);
    expect(malformedCheckpoint({ sequence: 2, headHash: 'a'.repeat(63) })).toMatch(/headHash/);
  });
});
