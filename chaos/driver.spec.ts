import { exchangePlan, PAIRS } from './driver';

describe('the chaos driver plan', () => {
  it('spreads the alerts evenly among the requests, with exactly the counts asked for', () => {
    const plan = exchangePlan(10, 2);
    expect(plan.filter((k) => k === 'alert')).toHaveLength(2);
    expect(plan.filter((k) => k === 'request')).toHaveLength(10);
    expect(plan.indexOf('alert')).toBeGreaterThan(2);
    expect(exchangePlan(0, 3)).toEqual(['alert', 'alert', 'alert']);
    expect(exchangePlan(3, 0)).toEqual(['request', 'request', 'request']);
  });

  it('covers every ordered pair of the three member states', () => {
    expect(PAIRS.map(([from, to]) => `${from}>${to}`).sort()).toEqual(['DE>ES', 'DE>FR', 'ES>DE', 'ES>FR', 'FR>DE', 'FR>ES']);
  });
});
