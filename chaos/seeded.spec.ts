import { Seeded } from './seeded';

describe('Seeded', () => {
  it('replays the same draws from the same seed, and others from another', () => {
    const draws = (seed: number) => {
      const r = new Seeded(seed);
      return [r.next(), r.between(5, 10), r.pick(['a', 'b', 'c']), r.shuffled([1, 2, 3, 4, 5]).join('')];
    };
    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
  });

  it('draws within the bounds asked for, and shuffles without losing or adding', () => {
    const r = new Seeded(7);
    for (let i = 0; i < 1000; i++) {
      const x = r.between(2, 3);
      expect(x >= 2 && x < 3).toBe(true);
    }
    expect(r.shuffled([1, 2, 3, 4, 5, 5]).sort()).toEqual([1, 2, 3, 4, 5, 5]);
  });
});
