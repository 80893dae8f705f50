import { combined, Tx } from './transaction';

describe('combined deferred writes', () => {
  it('passes a single statement through unchanged, name included', () => {
    const one = { name: 'imi_x', text: 'INSERT INTO t (a) VALUES ($1)', values: [1] };
    expect(combined([one])).toBe(one);
  });

  it('makes every write but the last a WITH query and renumbers the parameters in order', () => {
    const statement = combined([
      { text: 'INSERT INTO a (x, y) VALUES ($1, $2)', values: ['x', 'y'] },
      { text: 'INSERT INTO b (z) SELECT unnest($1::text[])', values: [['p', 'q']] },
      { text: 'UPDATE c SET v = $2 WHERE id = $1 AND w = $2', values: [7, 'v'] },
    ]);
    expect(statement.text).toBe(
      'WITH w0 AS (INSERT INTO a (x, y) VALUES ($1, $2)), w1 AS (INSERT INTO b (z) SELECT unnest($3::text[])) UPDATE c SET v = $5 WHERE id = $4 AND w = $5',
    );
    expect(statement.values).toEqual(['x', 'y', ['p', 'q'], 7, 'v']);
  });

  it('renumbers two-digit parameters as numbers, not digit by digit', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `$${i + 1}`).join(', ');
    const statement = combined([
      { text: 'INSERT INTO a VALUES ($1)', values: [0] },
      { text: `INSERT INTO b VALUES (${eleven})`, values: Array.from({ length: 11 }, (_, i) => i + 1) },
    ]);
    expect(statement.text).toContain('VALUES ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)');
  });

  it('refuses dollar quoting, whose $ signs renumbering would corrupt', () => {
    const tx = new Tx({} as never);
    expect(() => tx.defer('INSERT INTO a VALUES ($$text$$)')).toThrow('dollar quoting');
  });
});
