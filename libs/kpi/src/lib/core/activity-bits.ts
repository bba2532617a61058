import { addDays, toDayNumber, type Period } from './periods';

/**
 * A person's activity over a window of days as bit sets (bit i = day `origin + i`): active (anything that counts
 * as activity: activity-definition.ts, so never a join), created (posted or asked), responded (replied,
 * answered, mentioned, shared, took part in a call), reacted. Built from the
 * `person_month` rollup (one 31-bit mask per person, month and kind), so a request moves one small row per
 * person and month instead of every person-day, and "active in a period" is a few word operations.
 */
export interface PersonBits {
  active: Uint32Array;
  created: Uint32Array;
  responded: Uint32Array;
  reacted: Uint32Array;
}

/** One `person_month` row: `month` is its first day; bit d-1 of a mask is day d of the month. */
export interface PersonMonthMasks {
  personId: string;
  month: string;
  active: number;
  created: number;
  responded: number;
  reacted: number;
}

/** The bit sets of every person with activity in a window of days. */
export class ActivityBits {
  readonly days: number;
  private readonly originNumber: number;
  private readonly words: number;
  readonly people = new Map<string, PersonBits>();

  constructor(
    readonly origin: string,
    readonly last: string,
  ) {
    this.originNumber = toDayNumber(origin);
    this.days = Math.max(0, toDayNumber(last) - this.originNumber + 1);
    this.words = Math.ceil(this.days / 32);
  }

  addMonth(row: PersonMonthMasks): void {
    let person = this.people.get(row.personId);
    if (!person) {
      person = {
        active: new Uint32Array(this.words),
        created: new Uint32Array(this.words),
        responded: new Uint32Array(this.words),
        reacted: new Uint32Array(this.words),
      };
      this.people.set(row.personId, person);
    }
    const offset = toDayNumber(row.month) - this.originNumber;
    this.spread(person.active, row.active, offset);
    this.spread(person.created, row.created, offset);
    this.spread(person.responded, row.responded, offset);
    this.spread(person.reacted, row.reacted, offset);
  }

  private spread(target: Uint32Array, mask: number, offset: number): void {
    let rest = mask >>> 0;
    while (rest !== 0) {
      const bit = 31 - Math.clz32(rest & -rest);
      rest &= rest - 1;
      const index = offset + bit;
      if (index >= 0 && index < this.days) target[index >>> 5] |= 1 << (index & 31);
    }
  }

  /** Day index of `day` in the window, clamped to [0, days]. */
  index(day: string): number {
    return Math.min(this.days, Math.max(0, toDayNumber(day) - this.originNumber));
  }

  /** Inclusive index range of a period clipped to the window, or null when they do not overlap. */
  span(period: Period): [number, number] | null {
    const first = toDayNumber(period.start) - this.originNumber;
    const last = toDayNumber(period.end) - this.originNumber;
    const a = Math.max(0, first);
    const b = Math.min(this.days - 1, last);
    return a > b ? null : [a, b];
  }

  /** Day of an index. */
  day(index: number): string {
    return addDays(this.origin, index);
  }
}

/** Any bit set between two indexes (inclusive)? */
export function anyIn(bits: Uint32Array, span: readonly [number, number] | null): boolean {
  if (span === null) return false;
  const [a, b] = span;
  const first = a >>> 5;
  const last = b >>> 5;
  for (let word = first; word <= last; word++) {
    let value = bits[word];
    if (word === first) value &= ~0 << (a & 31);
    if (word === last && (b & 31) !== 31) value &= (1 << ((b & 31) + 1)) - 1;
    if (value !== 0) return true;
  }
  return false;
}

/** Number of bits set between two indexes (inclusive). */
export function countIn(bits: Uint32Array, span: readonly [number, number] | null): number {
  if (span === null) return 0;
  const [a, b] = span;
  const first = a >>> 5;
  const last = b >>> 5;
  let count = 0;
  for (let word = first; word <= last; word++) {
    let value = bits[word];
    if (word === first) value &= ~0 << (a & 31);
    if (word === last && (b & 31) !== 31) value &= (1 << ((b & 31) + 1)) - 1;
    count += popcount(value);
  }
  return count;
}

function popcount(word: number): number {
  let v = word >>> 0;
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Indexes of the set bits, ascending. */
export function setBits(bits: Uint32Array): number[] {
  const indexes: number[] = [];
  for (let word = 0; word < bits.length; word++) {
    let rest = bits[word];
    while (rest !== 0) {
      const bit = 31 - Math.clz32(rest & -rest);
      rest &= rest - 1;
      indexes.push(word * 32 + bit);
    }
  }
  return indexes;
}
