import { budgetAt } from './budget';

const operations = { eddsaSignDetached: 20_000, eddsaVerifyDetached: 10_000, sealPairwiseKek: 50_000, openPairwiseKek: 50_000 };

describe('budgetAt', () => {
  it('adds the design’s cryptography, four Kafka hops and one HTTP request per exchange', () => {
    const budget = budgetAt(2000, 2, { operations }, 0.1, 0.3);
    // 4 × 0.05 + 6 × 0.1 + 0.02 + 0.02 = 0.84 ms; Kafka 4 × 0.1 = 0.4 ms; HTTP 0.3 ms.
    expect(budget.floorCpuMsPerExchange).toEqual({ cryptography: 0.84, kafka: 0.4, http: 0.3, total: 1.54 });
    expect(budget.cpuMsAvailablePerExchange).toBe(1);
    expect(budget.ceilingPerSecond).toBe(1298);
    expect(budget.reachable).toBe(false);
  });

  it('finds a rate reachable when the floors fit in the cores', () => {
    const budget = budgetAt(1000, 2, { operations }, 0.1, 0.3);
    expect(budget.cpuMsAvailablePerExchange).toBe(2);
    expect(budget.reachable).toBe(true);
  });
});
