import { RefusalTally } from './refusal-tally';

describe('RefusalTally', () => {
  it('reports the first refusal at once, then holds the rest of the window back', () => {
    const tally = new RefusalTally(10_000);
    expect(tally.add('bad-signature', 1_000)).toEqual({ 'bad-signature': 1 });
    expect(tally.add('bad-signature', 2_000)).toBeNull();
    expect(tally.add('malformed', 9_999)).toBeNull();
    expect(tally.pending).toBe(true);
  });

  it('reports what the window held with the first refusal after it, by code', () => {
    const tally = new RefusalTally(10_000);
    tally.add('bad-signature', 0);
    for (let i = 1; i <= 500; i++) tally.add(i % 5 === 0 ? 'malformed' : 'bad-signature', i);
    expect(tally.add('oversize', 10_000)).toEqual({ 'bad-signature': 400, malformed: 100, oversize: 1 });
    expect(tally.pending).toBe(false);
  });

  it('gives what is pending to a flush at the end of the window, and nothing twice', () => {
    const tally = new RefusalTally(10_000);
    tally.add('bad-signature', 0);
    tally.add('malformed', 5);
    tally.add('malformed', 6);
    expect(tally.take(10_000)).toEqual({ malformed: 2 });
    expect(tally.take(10_001)).toBeNull();
    // The flush started a new window: the next refusal waits for its end.
    expect(tally.add('malformed', 12_000)).toBeNull();
    expect(tally.add('malformed', 20_000)).toEqual({ malformed: 2 });
  });
});
