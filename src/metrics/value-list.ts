/** Values as a list holds them: int32s while every value fits, float64s after one does not. */
export type ValueArray = Int32Array | Float64Array;

const isInt32 = (value: number) => (value | 0) === value;
const EMPTY = new Int32Array(0);
/** Up to this many values are copied one by one: cheaper than a view and a bulk copy. */
const SHORT = 16;

function allInt32(source: ArrayLike<number>, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) if (!isInt32(source[index])) return false;
  return true;
}

/**
 * A metric's values in hundredths, appended in bulk. Typed rather than a JavaScript array: a year of
 * people is a million values per request, and held as heap numbers, or as a view per stored part, they
 * cost the garbage collector more than copying their bytes does.
 */
export class ValueList {
  private data: ValueArray = EMPTY;
  length = 0;

  static of(values: ArrayLike<number>): ValueList {
    const list = new ValueList();
    list.append(values);
    return list;
  }

  push(value: number): void {
    this.makeRoom(1, isInt32(value));
    this.data[this.length] = value;
    this.length += 1;
  }

  append(values: ArrayLike<number>): void {
    if (values.length === 0) return;
    const fits =
      values instanceof Int32Array ||
      !(this.data instanceof Int32Array) ||
      allInt32(values, 0, values.length);
    this.makeRoom(values.length, fits);
    if (values instanceof Int32Array || values instanceof Float64Array) this.data.set(values, this.length);
    else
      for (let index = 0; index < values.length; index += 1) this.data[this.length + index] = values[index];
    this.length += values.length;
  }

  /** `source[start…end)`, without a view of it: a stored part holds a few values per metric. */
  appendRange(source: ValueArray, start: number, end: number): void {
    if (end - start > SHORT) {
      this.append(source.subarray(start, end));
      return;
    }
    if (end <= start) return;
    this.makeRoom(
      end - start,
      source instanceof Int32Array || !(this.data instanceof Int32Array) || allInt32(source, start, end),
    );
    for (let index = start; index < end; index += 1) this.data[this.length++] = source[index];
  }

  /** The values, in the order they came: a view, valid until the next append. */
  view(): ValueArray {
    return this.data.subarray(0, this.length);
  }

  private makeRoom(more: number, fits: boolean): void {
    const wide = !fits && this.data instanceof Int32Array;
    if (!wide && this.length + more <= this.data.length) return;
    const room = Math.max(8, 2 ** Math.ceil(Math.log2(this.length + more)));
    const grown = wide || this.data instanceof Float64Array ? new Float64Array(room) : new Int32Array(room);
    grown.set(this.view());
    this.data = grown;
  }
}
