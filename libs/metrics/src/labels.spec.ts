import { messageTypeLabel, nodeLabel, oneOf, rejectionCodeLabel } from './labels';

describe('metric labels', () => {
  it('keeps node codes and HUB, and turns anything else into unknown', () => {
    expect(['DE', 'EC', 'HUB'].map(nodeLabel)).toEqual(['DE', 'EC', 'HUB']);
    expect(['de', 'DEU', 'Testperson-Lefèvre', '', null, undefined, 'DE\n'].map(nodeLabel)).toEqual(Array(7).fill('unknown'));
  });

  it('keeps the network\'s message types only', () => {
    expect(messageTypeLabel('request.sent')).toBe('request.sent');
    expect(messageTypeLabel('request.sent; Amélie-Zoé')).toBe('unknown');
    expect(messageTypeLabel('constructor')).toBe('unknown');
    expect(messageTypeLabel(null)).toBe('unknown');
  });

  it('keeps kebab-case rejection codes, never a reason\'s free text', () => {
    expect(rejectionCodeLabel('unknown-recipient')).toBe('unknown-recipient');
    expect(rejectionCodeLabel('no recipient node XX')).toBe('unknown');
    expect(rejectionCodeLabel('born-1979-03-14')).toBe('unknown');
    expect(rejectionCodeLabel('a'.repeat(41))).toBe('unknown');
  });

  it('keeps one of the given values', () => {
    expect(oneOf('applied', ['applied', 'duplicate'])).toBe('applied');
    expect(oneOf('Lefèvre', ['applied', 'duplicate'])).toBe('unknown');
  });
});
