import { checkObservations, NetworkPlan } from './provision';

describe('checkObservations', () => {
  const plan = (observes: string[]): NetworkPlan => ({
    nodes: [
      { code: 'DE', authorities: [{ id: 'DE-A', name: 'A', legislativeAreas: [] }, { id: 'DE-C', name: 'C', legislativeAreas: [], observes }] },
      { code: 'FR', authorities: [{ id: 'FR-A', name: 'A', legislativeAreas: [] }] },
    ],
  });

  it('accepts a coordinator observing authorities of its own member state', () => {
    expect(() => checkObservations(plan(['DE-A']))).not.toThrow();
  });

  it.each([
    ['an authority of another member state', ['FR-A'], /not FR-A/],
    ['an unknown authority', ['DE-X'], /not DE-X/],
    ['itself', ['DE-C'], /not DE-C/],
  ])('refuses observing %s', (_, observes, message) => {
    expect(() => checkObservations(plan(observes))).toThrow(message);
  });
});
