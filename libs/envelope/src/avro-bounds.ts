import * as avro from 'avsc';

interface Tap {
  buf: Buffer;
  pos: number;
  readLong(): number;
  skipLong(): void;
  readString(): string;
}
interface Reader {
  typeName: string;
  _read(tap: Tap): unknown;
}

/**
 * avsc believes the item count an array or map block states: a few signed bytes claiming 2^31
 * items make it read (and allocate) 2^31 items past the end of the value, until the process
 * runs out of memory (the hub verifies a sender's signature before it decodes, but any
 * member node, or a stolen node key, could take the hub down for good this way: the record
 * comes back after every restart). These readers stop as soon as a block claims more items
 * than bytes remain (items of type null, which take none, excepted) or a read passes the end.
 * Valid values decode exactly as before; a value that passes the end is refused by avsc anyway.
 */
export function boundAvroBlockReads(): void {
  const types = (avro as unknown as { types: Record<'ArrayType' | 'MapType', { prototype: { _read(tap: Tap): unknown } }> }).types;
  if ((types.ArrayType.prototype._read as { bounded?: boolean }).bounded) return;

  const blockSize = (tap: Tap, items: Reader): number => {
    let n = tap.readLong();
    if (n < 0) {
      n = -n;
      tap.skipLong(); // the block's size in bytes
    }
    if (n > tap.buf.length - tap.pos && items.typeName !== 'null') throw new RangeError(`a block claims ${n} items in ${tap.buf.length - tap.pos} bytes`);
    return n;
  };
  const pastEnd = (tap: Tap) => {
    if (tap.pos > tap.buf.length) throw new RangeError('read past the end of the value');
  };

  const readArray = function (this: { itemsType: Reader }, tap: Tap): unknown[] {
    const out: unknown[] = [];
    for (let n = blockSize(tap, this.itemsType); n > 0; n = blockSize(tap, this.itemsType)) {
      while (n--) {
        out.push(this.itemsType._read(tap));
        pastEnd(tap);
      }
    }
    return out;
  };
  const readMap = function (this: { valuesType: Reader }, tap: Tap): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let n = blockSize(tap, { typeName: 'string', _read: () => undefined }); n > 0; n = blockSize(tap, { typeName: 'string', _read: () => undefined })) {
      while (n--) {
        const key = tap.readString();
        out[key] = this.valuesType._read(tap);
        pastEnd(tap);
      }
    }
    return out;
  };
  Object.assign(readArray, { bounded: true });
  types.ArrayType.prototype._read = readArray;
  types.MapType.prototype._read = readMap;
}
