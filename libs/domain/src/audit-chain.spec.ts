import { AuditEntry, auditHash, GENESIS_HASH, verifyAuditChain } from './audit-chain';

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
