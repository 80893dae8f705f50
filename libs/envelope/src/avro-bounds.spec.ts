import * as avro from 'avsc';
import { boundAvroBlockReads } from './avro-bounds';

boundAvroBlockReads();

const type = avro.Type.forSchema({
  type: 'record', name: 'Sample', fields: [
    { name: 'names', type: { type: 'array', items: 'string' } },
    { name: 'keywords', type: { type: 'map', values: { type: 'array', items: 'string' } } },
    { name: 'nothing', type: { type: 'array', items: 'null' } },
    { name: 'tail', type: 'string' },
  ],
});

/** Avro's zig-zag varint of a non-negative count. */
function count(n: number): Buffer {
  const bytes: number[] = [];
  for (let z = n * 2; ; z = Math.floor(z / 0x80)) {
    if (z < 0x80) {
      bytes.push(z);
      return Buffer.from(bytes);
    }
    bytes.push((z % 0x80) | 0x80);
  }
}

describe('bounded Avro block reads', () => {
  it('decodes valid values as before, in one block or several, with a resolver too', () => {
    const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
    const value = { names: ['DE', 'FR'], keywords: { a: ['x'], b: [] }, nothing: [null, null, null], tail: 'end' };
    expect(plain(type.fromBuffer(type.toBuffer(value)))).toEqual(value);
    // Names in two blocks: one item, then one item with its block's byte size (a negative count), then the end.
    const blocks = Buffer.from([2, 4, 0x44, 0x45, 1, 6, 4, 0x46, 0x52, 0, 0, 0, 6, 0x65, 0x6e, 0x64]);
    expect(plain(type.decode(blocks, 0).value)).toEqual({ names: ['DE', 'FR'], keywords: {}, nothing: [], tail: 'end' });
    const resolver = type.createResolver(avro.Type.forSchema(JSON.parse(JSON.stringify(type.schema()))));
    expect(plain(type.decode(type.toBuffer(value), 0, resolver).value)).toEqual(value);
  });

  it('refuses at once an array or a map claiming 2^31 items in a few bytes, instead of running out of memory', () => {
    const started = Date.now();
    const hugeArray = Buffer.concat([count(2 ** 31), Buffer.from([2, 65]), Buffer.from([0, 0, 0])]);
    expect(() => type.decode(hugeArray, 0)).toThrow(RangeError);
    const hugeMap = Buffer.concat([Buffer.from([0]), count(2 ** 31), Buffer.from([2, 65, 0])]);
    expect(() => type.decode(hugeMap, 0)).toThrow(RangeError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops reading once items run past the end of the value', () => {
    // Claims 3 names in 3 bytes (allowed by the count check), but each says it is 1 byte long, then runs out.
    const value = Buffer.concat([count(3), Buffer.from([2, 65, 2])]);
    expect(() => type.decode(value, 0)).toThrow(RangeError);
  });
});
