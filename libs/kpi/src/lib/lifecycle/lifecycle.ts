import type { KpiScope, LifecycleReport, LifecycleWeek } from '@uptake/contracts';
import { anyIn, type ActivityBits } from '../core/activity-bits';
import { addDays, periodsBetween, weekStart, type Period } from '../core/periods';
import { hideLinkedParts } from '../core/protected-parts';
import { PeopleCell, type DisclosureRule } from '../disclosure/cell-key';
import { protect, suppressionReason } from '../disclosure/suppression';

/** A person of the population for the lifecycle: first active day ever (person_activity) and record key. */
export interface LifecyclePerson {
  id: string;
  recordKey: number;
  firstActiveDay: string | null;
}

/** A week of the lifecycle and the week before it (always a whole ISO week). */
export interface LifecycleFrame {
  week: Period;
  previous: Period;
}

/**
 * The weeks of a range: whole ISO weeks, the first starting on the Monday on or before `from`, the last
 * ending on `to` (no day after the range counts). Whole weeks at the start keep every week and the one
 * before it back to back, so each active person is exactly one of new, retained or reactivated.
 */
export function lifecycleFrames(from: string, to: string): LifecycleFrame[] {
  return periodsBetween(from, to, 'week').map((period) => {
    const monday = weekStart(period.start);
    return {
      week: { start: monday, end: period.end },
      previous: { start: addDays(monday, -7), end: addDays(monday, -1) },
    };
  });
}

/** The bits' window a range's lifecycle needs: from the week before its first week to its end. */
export function lifecycleWindow(from: string, to: string): Period {
  return { start: addDays(weekStart(from), -7), end: to };
}

const PARTS = ['new', 'retained', 'reactivated', 'dormant'] as const;
type Part = (typeof PARTS)[number];

/** The people of each part of one week, and who was active in it and the week before. */
export function lifecycleCells(
  people: readonly LifecyclePerson[],
  bits: ActivityBits,
  frame: LifecycleFrame,
): Record<Part | 'active' | 'previous', PeopleCell> {
  const cells = {
    active: new PeopleCell(),
    previous: new PeopleCell(),
    new: new PeopleCell(),
    retained: new PeopleCell(),
    reactivated: new PeopleCell(),
    dormant: new PeopleCell(),
  };
  const week = bits.span(frame.week);
  const previous = bits.span(frame.previous);
  for (const person of people) {
    const masks = bits.people.get(person.id);
    const now = masks !== undefined && anyIn(masks.active, week);
    const before = masks !== undefined && anyIn(masks.active, previous);
    if (now) cells.active.add(person.recordKey);
    if (before) cells.previous.add(person.recordKey);
    const first = person.firstActiveDay;
    if (now && first !== null && first >= frame.week.start) cells.new.add(person.recordKey);
    else if (now && before) cells.retained.add(person.recordKey);
    else if (now) cells.reactivated.add(person.recordKey);
    else if (before) cells.dormant.add(person.recordKey);
  }
  return cells;
}

/**
 * One week as published. new + retained + reactivated = active and retained + dormant = the week before's
 * active (which netChange discloses), so the parts get complementary suppression over both totals at once;
 * when a total itself rests on 1..k-1 people, its parts are withheld with it.
 */
export function lifecycleWeekOf(
  cells: ReturnType<typeof lifecycleCells>,
  monday: string,
  rule: DisclosureRule,
): LifecycleWeek {
  const active = protect(cells.active, rule);
  const previous = protect(cells.previous, rule);
  const counts = PARTS.map((part) => cells[part].count);
  const hidden = hideLinkedParts(
    counts,
    [
      [0, 1, 2],
      [1, 3],
    ],
    rule,
    [active === null, active === null || previous === null, active === null, previous === null],
  );
  const [fresh, retained, reactivated, dormant] = PARTS.map((part, index) =>
    hidden[index] ? null : protect(cells[part], rule),
  );
  const netChange = active === null || previous === null ? null : active - previous;
  const withheld = [active, fresh, retained, reactivated, dormant, netChange].some((value) => value === null);
  return {
    week: monday,
    active,
    new: fresh,
    retained,
    reactivated,
    dormant,
    netChange,
    ...(withheld ? { suppressed: suppressionReason(rule) } : {}),
  };
}

/** The weekly lifecycle of a scope's people; `bits` must cover `lifecycleWindow(scope.from, scope.to)`. */
export function lifecycleReportOf(
  scope: KpiScope,
  people: readonly LifecyclePerson[],
  bits: ActivityBits,
  rule: DisclosureRule,
): LifecycleReport {
  return {
    scope,
    weeks: lifecycleFrames(scope.from, scope.to).map((frame) =>
      lifecycleWeekOf(lifecycleCells(people, bits, frame), frame.week.start, rule),
    ),
  };
}
