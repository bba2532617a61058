/**
 * Percentiles of hours computed in Node, as Postgres's percentile_cont computes them. Postgres sends the
 * values packed: `packedValues(column)` aggregates a float8 column into one bytea of big-endian float8 values
 * (float8send, the same bits as the numbers), in no particular order, and `unpackSorted` reads and sorts them.
 * Measured on the 47k threads of a 90-day range at 10M events: parsing that many numbers from an array's
 * text took about 20 ms in Node, reading them packed about 1 ms; sorting them in Postgres by (candidate,
 * hours) for an ordered aggregate 20 ms, hashing them into groups unsorted and sorting each group's
 * Float64Array in Node a few ms. Percentiles of unions of sorted parts (a subtree of org units, the
 * organisation over its communities) come from one k-way pass (percentilesOfUnion), where a percentile of
 * percentiles would be wrong.
 */

/** SQL: the non-null values of a float8 expression, packed (string_agg skips nulls; empty bytea for none). */
export function packedValues(column: string): string {
  return `coalesce(string_agg(float8send(${column}), ''::bytea), ''::bytea)`;
}

/** SQL, an aggregate: packed values (packedValues) of several rows as one (empty bytea for none). */
export function concatPacked(column: string): string {
  return `coalesce(string_agg(${column}, ''::bytea), ''::bytea)`;
}

/** Packed values (packedValues), ascending. */
export function unpackSorted(packed: Uint8Array): Float64Array {
  return unpackFloat8(packed).sort();
}

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** Big-endian float8 values packed one after the other (Postgres's float8send), as numbers. */
export function unpackFloat8(packed: Uint8Array): Float64Array {
  const values = new Float64Array(packed.byteLength / 8);
  const bytes = new Uint8Array(values.buffer);
  bytes.set(packed.subarray(0, values.length * 8));
  // Reversing each value's bytes in place (natively) on the usual little-endian machine.
  if (LITTLE_ENDIAN) Buffer.from(values.buffer).swap64();
  return values;
}

/** Ascending values that count in each of `groups` (a unit's hours count in the unit and every unit above). */
export interface SortedPart<K> {
  sorted: ArrayLike<number>;
  groups: readonly K[];
}

/**
 * percentileCont of each group's values, a group's values being the union of the parts it is in, for each
 * `p` of `ps`; without merging any of them: one k-way merge of the parts (a binary heap of their heads) in
 * which each value counts once in each of its part's groups, and a group takes the values at the ranks its
 * percentiles need (floor and ceil of p × (n − 1)). Linear in the values times the groups per part, and no
 * array is allocated per group.
 */
export function percentilesOfUnion<K>(
  parts: readonly SortedPart<K>[],
  ps: readonly number[],
): Map<K, (number | null)[]> {
  // Groups as indices; per group its size, the ranks it needs (ascending) and the values found at them.
  const groupIndex = new Map<K, number>();
  const partGroups = parts.map((part) =>
    Int32Array.from(part.groups, (group) => {
      let index = groupIndex.get(group);
      if (index === undefined) groupIndex.set(group, (index = groupIndex.size));
      return index;
    }),
  );
  const groups = groupIndex.size;
  const sizes = new Float64Array(groups);
  parts.forEach((part, index) => partGroups[index].forEach((group) => (sizes[group] += part.sorted.length)));
  const ranks = Array.from(sizes, (size) =>
    size === 0
      ? []
      : [...new Set(ps.flatMap((p) => [Math.floor(p * (size - 1)), Math.ceil(p * (size - 1))]))].sort(
          (x, y) => x - y,
        ),
  );
  const found = ranks.map((list) => new Float64Array(list.length));
  const seen = new Float64Array(groups);
  const next = new Int32Array(groups); // index into ranks[group] of the next rank wanted
  const nextRank = Float64Array.from(ranks, (list) => (list.length > 0 ? list[0] : -1));
  // A binary heap of the parts by their current value (ties by part index, for a stable order).
  const values = parts.map((part) =>
    part.sorted instanceof Float64Array ? part.sorted : Float64Array.from(part.sorted),
  );
  const position = new Int32Array(parts.length);
  const heads = new Float64Array(parts.length);
  const heap = new Int32Array(parts.length);
  let size = 0;
  const before = (x: number, y: number) => heads[x] < heads[y] || (heads[x] === heads[y] && x < y);
  const siftDown = (from: number) => {
    let at = from;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) return;
      const child = left + 1 < size && before(heap[left + 1], heap[left]) ? left + 1 : left;
      if (!before(heap[child], heap[at])) return;
      const swap = heap[at];
      heap[at] = heap[child];
      heap[child] = swap;
      at = child;
    }
  };
  values.forEach((array, index) => {
    if (array.length === 0) return;
    heads[index] = array[0];
    heap[size++] = index;
  });
  for (let at = (size >> 1) - 1; at >= 0; at--) siftDown(at);
  while (size > 0) {
    const part = heap[0];
    const value = heads[part];
    const partGroup = partGroups[part];
    for (let g = 0; g < partGroup.length; g++) {
      const group = partGroup[g];
      if (seen[group]++ === nextRank[group]) {
        const list = ranks[group];
        found[group][next[group]] = value;
        // A rank wanted twice (floor = ceil) is one entry: the next one is larger.
        nextRank[group] = ++next[group] < list.length ? list[next[group]] : -1;
      }
    }
    const array = values[part];
    if (++position[part] < array.length) heads[part] = array[position[part]];
    else heap[0] = heap[--size];
    siftDown(0);
  }
  const result = new Map<K, (number | null)[]>();
  for (const [key, group] of groupIndex) {
    result.set(
      key,
      ps.map((p) => {
        if (sizes[group] === 0) return null;
        const at = p * (sizes[group] - 1);
        const [first, second] = [Math.floor(at), Math.ceil(at)];
        const low = found[group][ranks[group].indexOf(first)];
        return first === second
          ? low
          : low + (found[group][ranks[group].indexOf(second)] - low) * (at - first);
      }),
    );
  }
  return result;
}

/**
 * PostgreSQL's percentile_cont over ascending values: linear interpolation between the values at
 * floor and ceil of p × (n − 1), computed as Postgres does (lo + (hi − lo) × fraction); null for none.
 */
export function percentileCont(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const position = p * (sorted.length - 1);
  const first = Math.floor(position);
  const second = Math.ceil(position);
  if (first === second) return sorted[first];
  return sorted[first] + (sorted[second] - sorted[first]) * (position - first);
}
