import type { ChurnByUnit, RetentionCohort, SuppressionReason } from '@uptake/contracts';
import { anyIn, setBits, type ActivityBits } from '../core/activity-bits';
import type { Member } from '../core/members';
import { addDays, toDayNumber, weekStart, type Period } from '../core/periods';
import { complementaryHidden, PeopleCell, type DisclosureRule } from '../disclosure/cell-key';
import { isSuppressed, protect, suppressionReason } from '../disclosure/suppression';

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * The retention matrix's frame, shared by the person-day and the bit-set computations: members grouped by the
 * ISO week of their first activity within the range, each cohort's share `activeIn` its week 0, 1, 2, … up
 * to the range's end; cohorts of 1..k-1 people withheld whole.
 */
export function cohortMatrix(
  members: readonly Member[],
  range: Period,
  rule: DisclosureRule,
  activeIn: (member: Member, week: string) => boolean,
): RetentionCohort[] {
  const cohorts = new Map<string, Member[]>();
  for (const member of members) {
    const first = member.firstActiveDay;
    if (first === null || first < range.start || first > range.end) continue;
    const week = weekStart(first);
    let cohort = cohorts.get(week);
    if (!cohort) cohorts.set(week, (cohort = []));
    cohort.push(member);
  }
  const lastWeek = weekStart(range.end);
  return [...cohorts.keys()].sort().map((week): RetentionCohort => {
    const cohort = cohorts.get(week) ?? [];
    const offsets = (toDayNumber(lastWeek) - toDayNumber(week)) / 7 + 1;
    if (isSuppressed(cohort.length, rule)) {
      return {
        week,
        size: null,
        retained: Array.from({ length: offsets }, () => null),
        suppressed: suppressionReason(rule),
      };
    }
    const size = new PeopleCell();
    for (const member of cohort) size.add(member.recordKey);
    const shownSize = protect(size, rule) ?? cohort.length;
    let anyHidden = false;
    const retained = Array.from({ length: offsets }, (_, offset) => {
      const target = addDays(week, offset * 7);
      const active = new PeopleCell();
      for (const member of cohort) if (activeIn(member, target)) active.add(member.recordKey);
      // A share of a known cohort size is a count: 1..k-1 retained people are withheld like any count.
      const count = protect(active, rule);
      if (count === null) anyHidden = true;
      return count === null ? null : Math.min(1, count / shownSize);
    });
    return {
      week,
      size: shownSize,
      retained,
      ...(anyHidden ? { suppressed: suppressionReason(rule) } : {}),
    };
  });
}

export interface ChurnFigures {
  activated: PeopleCell;
  triedAndStopped: PeopleCell;
  reactivated: PeopleCell;
}

export function churnCells(): ChurnFigures {
  return { activated: new PeopleCell(), triedAndStopped: new PeopleCell(), reactivated: new PeopleCell() };
}

/** Churn per org unit as shown to users: counts over 1..k-1 people withheld. */
export function churnByUnit(
  byUnit: Map<string | null, ChurnFigures>,
  names: ReadonlyMap<string, string>,
  rule: DisclosureRule,
): ChurnByUnit[] {
  const rows = [...byUnit].filter(([, figures]) => figures.activated.count > 0);
  // The units add up to the population's totals: a withheld unit must not be the total minus the others.
  const activatedHidden = complementaryHidden(
    rows.map(([, figures]) => figures.activated.count),
    rule,
  );
  const stoppedHidden = complementaryHidden(
    rows.map(([, figures]) => figures.triedAndStopped.count),
    rule,
  );
  return rows
    .map(([orgUnitId, figures], index): ChurnByUnit => {
      const name = orgUnitId === null ? 'No unit in the directory' : (names.get(orgUnitId) ?? orgUnitId);
      const activated = activatedHidden[index] ? null : protect(figures.activated, rule);
      const hidden = activated === null || stoppedHidden[index];
      const triedAndStopped = hidden ? null : protect(figures.triedAndStopped, rule);
      const reason: SuppressionReason | undefined = hidden ? suppressionReason(rule) : undefined;
      return {
        orgUnitId,
        name,
        activated,
        triedAndStopped,
        rate: triedAndStopped === null || activated === null ? null : share(triedAndStopped, activated),
        ...(reason ? { suppressed: reason } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/*
 * Computed over activity bit sets (core/activity-bits.ts), not person-days: the same definitions and the same
 * figures as the reference over person-days in @uptake/kpi/testing (the specs compare both on random data), but
 * the work grows with people × periods, not with person-days.
 */

/**
 * Weekly cohorts by week of first activity (within the range): the share of each cohort active in its
 * week 0, 1, 2, … up to the range's end. `bits` must cover the range.
 */
export function retentionCohortsFromBits(
  members: readonly Member[],
  bits: ActivityBits,
  range: Period,
  k: DisclosureRule,
): RetentionCohort[] {
  // A week is clipped to the range, as the person-day version only sees days inside it.
  return cohortMatrix(members, range, k, (member, week) => {
    const end = addDays(week, 6);
    const span = bits.span({
      start: week < range.start ? range.start : week,
      end: end > range.end ? range.end : end,
    });
    const person = bits.people.get(member.id);
    return person !== undefined && anyIn(person.active, span);
  });
}

/**
 * "Tried and stopped": people activated at least `silentWeeks` weeks before the range's end who were not
 * active in those last weeks. "Reactivated": people active in the range after a silence of at least
 * `silentWeeks` weeks (counted from their previous active day). `bits` must start `silentWeeks` weeks before
 * the range and end with it. Silent since the cutoff is read from the bits (no active day after it up to the
 * range's end), so members need no `lastActiveDay`.
 */
export function churnFromBits(
  members: readonly Member[],
  bits: ActivityBits,
  range: Period,
  silentWeeks: number,
): { total: ChurnFigures; byUnit: Map<string | null, ChurnFigures> } {
  const cutoff = addDays(range.end, -silentWeeks * 7);
  const gapDays = silentWeeks * 7;
  const rangeStart = toDayNumber(range.start) - toDayNumber(bits.origin);
  const sinceCutoff = bits.span({ start: addDays(cutoff, 1), end: range.end });
  const total = churnCells();
  const byUnit = new Map<string | null, ChurnFigures>();
  for (const member of members) {
    const unit = byUnit.get(member.orgUnitId) ?? churnCells();
    byUnit.set(member.orgUnitId, unit);
    const person = bits.people.get(member.id);
    if (member.firstActiveDay !== null && member.firstActiveDay <= cutoff) {
      total.activated.add(member.recordKey);
      unit.activated.add(member.recordKey);
      if (!person || !anyIn(person.active, sinceCutoff)) {
        total.triedAndStopped.add(member.recordKey);
        unit.triedAndStopped.add(member.recordKey);
      }
    }
    const seen = person ? setBits(person.active) : [];
    const cameBack = seen.some(
      (day, index) => day >= rangeStart && index > 0 && day - seen[index - 1] > gapDays,
    );
    if (cameBack) {
      total.reactivated.add(member.recordKey);
      unit.reactivated.add(member.recordKey);
    }
  }
  return { total, byUnit };
}
