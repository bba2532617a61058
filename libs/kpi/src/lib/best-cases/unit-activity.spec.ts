import { ActivityBits } from '../core/activity-bits';
import type { Member } from '../core/members';
import { communityWindow } from '../communities/communities-data';
import { unitActivityOfBits } from '../../testing';
import { rollUpUnitActivity, unitAncestors } from './unit-activity';

const member = (id: string, orgUnitId: string | null, recordKey = 0): Member => ({
  id,
  listed: true,
  startDate: null,
  endDate: null,
  firstActiveDay: null,
  lastActiveDay: null,
  orgUnitId,
  recordKey,
});

/** Day masks with the given days of one month set (bit d − 1 is day d). */
const days = (...list: number[]) => list.reduce((mask, day) => mask | (1 << (day - 1)), 0);

describe('org unit activity', () => {
  const units = [
    { id: 'co', path: '/co/' },
    { id: 'sales', path: '/co/sales/' },
    { id: 'emea', path: '/co/sales/emea/' },
    { id: 'eng', path: '/co/eng/' },
  ];

  it('lists each unit’s ancestors from its path', () => {
    expect(unitAncestors(units).get('emea')).toEqual(['co', 'sales', 'emea']);
    expect(unitAncestors(units).get('co')).toEqual(['co']);
  });

  it('counts a person in their unit, every unit above it and the population', () => {
    // range 2026-03-02 .. 03-29; weeks from 02-23
    const window = communityWindow('2026-03-02', '2026-03-29');
    const bits = new ActivityBits(window.firstDay, window.to);
    const add = (personId: string, month: string, mask: number) =>
      bits.addMonth({ personId, month, active: mask, created: 0, responded: 0, reacted: 0 });
    add('a', '2026-02-01', days(25)); // week of 02-23
    add('a', '2026-03-01', days(3, 24)); // weeks of 03-02 and 03-23
    add('b', '2026-03-01', days(10)); // week of 03-09
    add('c', '2025-06-01', days(15)); // only a year ago: in the 365 days, not in the range
    add('d', '2026-03-01', days(24)); // no unit
    const members = [member('a', 'emea', 7), member('b', 'sales', 11), member('c', 'eng'), member('d', null)];
    const activity = unitActivityOfBits(members, bits, unitAncestors(units), window);
    const summary = (key: string | null) => {
      const unit = activity.get(key);
      return unit && [unit.active.count, unit.active28.count, unit.active365.count, unit.weekly];
    };
    expect(summary('emea')).toEqual([1, 1, 1, [1, 1, 0, 0, 1]]);
    expect(summary('sales')).toEqual([2, 2, 2, [1, 1, 1, 0, 1]]);
    expect(summary('co')).toEqual([2, 2, 3, [1, 1, 1, 0, 1]]);
    expect(summary('eng')).toEqual([0, 0, 1, [0, 0, 0, 0, 0]]);
    expect(summary(null)).toEqual([3, 3, 4, [1, 1, 1, 0, 2]]);
    expect(activity.get('sales')?.active.key).toBe(18); // record keys 7 + 11
  });

  it('sums each unit’s own people into its ancestors and the population', () => {
    const people = (count: number, key: number) => ({ count, key });
    const activity = rollUpUnitActivity(
      [
        {
          unit: 'emea',
          active: people(1, 7),
          active28: people(1, 7),
          active365: people(1, 7),
          weekly: [1, 0],
        },
        {
          unit: 'sales',
          active: people(2, 4_000_000_000),
          active28: people(1, 11),
          active365: people(2, 4_000_000_000),
          weekly: [0, 2],
        },
        { unit: null, active: people(1, 5), active28: people(0, 0), active365: people(1, 5), weekly: [1, 1] },
        // A unit the directory no longer has counts in the population only.
        {
          unit: 'gone',
          active: people(1, 3),
          active28: people(1, 3),
          active365: people(1, 3),
          weekly: [0, 1],
        },
      ],
      unitAncestors(units),
      2,
    );
    const sales = activity.get('sales')!;
    expect([sales.active.count, sales.active28.count, sales.active365.count, sales.weekly]).toEqual([
      3,
      2,
      3,
      [1, 2],
    ]);
    expect(sales.active.key).toBe(4_000_000_007 % 2 ** 32);
    expect(activity.get('co')!.weekly).toEqual([1, 2]);
    expect(activity.get('eng')).toBeUndefined();
    expect(activity.has('gone')).toBe(false);
    const all = activity.get(null)!;
    expect([all.active.count, all.active28.count, all.weekly]).toEqual([5, 3, [2, 4]]);
  });
});
