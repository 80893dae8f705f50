import { inboxLag } from './inbox-lag';

describe('inboxLag', () => {
  it('adds what each partition has left, from the committed offset to the log end', () => {
    const topic = [{ partition: 0, high: '10', low: '0' }, { partition: 1, high: '7', low: '0' }, { partition: 2, high: '0', low: '0' }];
    expect(inboxLag(topic, [{ partition: 0, offset: '10' }, { partition: 1, offset: '4' }, { partition: 2, offset: '-1' }])).toBe(3);
  });

  it('counts from the log start where the group never committed, and never below zero', () => {
    const topic = [{ partition: 0, high: '50', low: '20' }, { partition: 1, high: '5', low: '5' }];
    expect(inboxLag(topic, [{ partition: 1, offset: '9' }])).toBe(30);
  });

  it('is zero for an empty topic and a group that read everything', () => {
    expect(inboxLag([], [])).toBe(0);
    expect(inboxLag([{ partition: 0, high: '3', low: '0' }], [{ partition: 0, offset: '3' }])).toBe(0);
  });
});
