import {
  BEHAVIOUR_PERSONAS,
  type BehaviourPersona,
  type Habits,
  type KpiScope,
  type PersonaShares,
  type PersonaUnit,
  type PersonasReport,
} from '@uptake/contracts';
import { anyIn, type ActivityBits } from '../core/activity-bits';
import { addDays, weekStart } from '../core/periods';
import { hideLinkedParts, peopleShare } from '../core/protected-parts';
import { MAX_BREAKDOWN_ROWS, NO_UNIT, type TopUnits } from '../core/top-units';
import { complementaryHidden, PeopleCell, type DisclosureRule } from '../disclosure/cell-key';
import { protect, suppressionReason } from '../disclosure/suppression';

/** What a person gave and received over a range: the inputs of their behaviour persona. */
export interface BehaviourTotals {
  /** Threads (posts, questions) they started. */
  threads: number;
  /** Of those, threads someone else responded to. */
  answeredThreads: number;
  /** Replies and answers they gave. */
  replies: number;
  /** Interactions aimed at them by others (replies, answers, reactions, mentions, shares, calls). */
  received: number;
}

/**
 * The behaviour persona of an active person (rules of @uptake/contracts' people-dynamics, first match wins).
 * Starting threads comes first: what a thread starter gets back (at least half answered, or not) is the
 * "found somebody / found nobody" signal. Someone who started threads that stayed mostly unanswered but
 * replied at least as often as they posted behaves as a replier, so the reply rules decide for them.
 */
export function personaOfBehaviour(totals: BehaviourTotals): BehaviourPersona {
  const { threads, answeredThreads, replies, received } = totals;
  if (threads > 0 && answeredThreads * 2 >= threads) return 'catalyst';
  if (threads > 0 && replies < threads) return 'broadcaster';
  if (replies > 0 && received > 0) return 'engager';
  if (replies > 0) return 'responder';
  return 'observer';
}

/** An active person of the population over the range. */
export interface PersonBehaviour extends BehaviourTotals {
  id: string;
  recordKey: number;
  orgUnitId: string | null;
  /** Events in the range (> 0: the person was active). */
  events: number;
  /** Active in at least 9 of the last 12 complete weeks (habitualPeople). */
  habitual: boolean;
}

export const HABIT_WEEKS = 12;
export const HABIT_MIN_ACTIVE_WEEKS = 9;
/** A power user has at least this many times the median active person's events. */
export const POWER_USER_FACTOR = 3;

/** The 12 complete ISO weeks ending on or before `day` (a Sunday ends them; a partial week is left out). */
export function habitWindow(day: string): { start: string; end: string } {
  const sunday = addDays(weekStart(day), 6);
  const end = sunday === day ? day : addDays(weekStart(day), -1);
  return { start: addDays(end, -(HABIT_WEEKS * 7 - 1)), end };
}

/** People active in at least 9 of the 12 weeks of `habitWindow(to)`; `bits` must cover that window. */
export function habitualPeople(bits: ActivityBits, to: string): Set<string> {
  const { start } = habitWindow(to);
  const weeks = Array.from({ length: HABIT_WEEKS }, (_, index) => {
    const monday = addDays(start, index * 7);
    return bits.span({ start: monday, end: addDays(monday, 6) });
  });
  const habitual = new Set<string>();
  for (const [id, person] of bits.people) {
    const activeWeeks = weeks.filter((span) => anyIn(person.active, span)).length;
    if (activeWeeks >= HABIT_MIN_ACTIVE_WEEKS) habitual.add(id);
  }
  return habitual;
}

/** Median of positive numbers (mean of the two middle ones for an even count); 0 for none. */
export function medianOf(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function countPersonas(people: readonly PersonBehaviour[]): number[] {
  const counts = BEHAVIOUR_PERSONAS.map(() => 0);
  for (const person of people) counts[BEHAVIOUR_PERSONAS.indexOf(personaOfBehaviour(person))]++;
  return counts;
}

function sharesOf(
  counts: readonly number[],
  hidden: readonly boolean[],
  active: number,
  rule: DisclosureRule,
) {
  return Object.fromEntries(
    BEHAVIOUR_PERSONAS.map((persona, index) => [
      persona,
      hidden[index] ? null : peopleShare(counts[index], active, rule),
    ]),
  ) as PersonaShares;
}

function cellOf(people: readonly PersonBehaviour[]): PeopleCell {
  const cell = new PeopleCell();
  for (const person of people) cell.add(person.recordKey);
  return cell;
}

/** Habitual and power-user shares of the active people (k rule on part and whole). */
export function habitsOf(people: readonly PersonBehaviour[], rule: DisclosureRule): Habits {
  const threshold = POWER_USER_FACTOR * medianOf(people.map((person) => person.events));
  const habitual = people.filter((person) => person.habitual).length;
  const power = people.filter((person) => person.events >= threshold).length;
  return {
    habitual: peopleShare(habitual, people.length, rule),
    powerUsers: peopleShare(power, people.length, rule),
    activePeople: protect(cellOf(people), rule),
  };
}

/**
 * Personas per top-level unit. The cells (unit × persona) add up along rows (a unit's active people) and
 * columns (a persona over all units), so both get complementary suppression together; a unit whose active
 * people are withheld (or complementary to a withheld unit) has every share withheld. The largest
 * `MAX_BREAKDOWN_ROWS` units are listed (suppression ran over all of them), by name.
 */
export function personasByUnit(
  people: readonly PersonBehaviour[],
  units: TopUnits,
  rule: DisclosureRule,
): { rows: PersonaUnit[]; anyHidden: boolean } {
  const byUnit = new Map<string | null, PersonBehaviour[]>();
  for (const person of people) {
    const unit = person.orgUnitId === null ? null : (units.of.get(person.orgUnitId) ?? null);
    const members = byUnit.get(unit);
    if (members) members.push(person);
    else byUnit.set(unit, [person]);
  }
  const entries = [...byUnit];
  const width = BEHAVIOUR_PERSONAS.length;
  const counts = entries.flatMap(([, members]) => countPersonas(members));
  const unitHidden = complementaryHidden(
    entries.map(([, members]) => members.length),
    rule,
  );
  const rowsOf = entries.map((_, row) => Array.from({ length: width }, (_, column) => row * width + column));
  const columnsOf = BEHAVIOUR_PERSONAS.map((_, column) => entries.map((_, row) => row * width + column));
  const hidden = hideLinkedParts(
    counts,
    [...rowsOf, ...columnsOf],
    rule,
    counts.map((_, index) => unitHidden[Math.floor(index / width)]),
  );
  let anyHidden = false;
  const rows = entries
    .map(([orgUnitId, members], row) => {
      const cells = rowsOf[row];
      const active = unitHidden[row] ? null : protect(cellOf(members), rule);
      const personas = sharesOf(
        cells.map((index) => counts[index]),
        cells.map((index) => hidden[index] || active === null),
        members.length,
        rule,
      );
      const withheld = active === null || Object.values(personas).some((share) => share === null);
      anyHidden ||= withheld;
      const unit: PersonaUnit = {
        orgUnitId,
        name: orgUnitId === null ? NO_UNIT : (units.names.get(orgUnitId) ?? orgUnitId),
        activePeople: active,
        personas,
        ...(withheld ? { suppressed: suppressionReason(rule) } : {}),
      };
      return { unit, size: members.length };
    })
    .sort((a, b) => b.size - a.size || a.unit.name.localeCompare(b.unit.name))
    .slice(0, MAX_BREAKDOWN_ROWS)
    .map(({ unit }) => unit)
    .sort((a, b) => a.name.localeCompare(b.name));
  return { rows, anyHidden };
}

/** The personas report of a scope from its active people (see personas-query.ts for how they are loaded). */
export function personasReportOf(
  scope: KpiScope,
  people: readonly PersonBehaviour[],
  units: TopUnits,
  rule: DisclosureRule,
): PersonasReport {
  const counts = countPersonas(people);
  const hidden = complementaryHidden(counts, rule);
  const personas = sharesOf(counts, hidden, people.length, rule);
  const habits = habitsOf(people, rule);
  const byUnit = personasByUnit(people, units, rule);
  const activePeople = protect(cellOf(people), rule);
  const anyHidden =
    people.length > 0 &&
    (activePeople === null ||
      Object.values(personas).some((share) => share === null) ||
      habits.habitual === null ||
      habits.powerUsers === null ||
      byUnit.anyHidden);
  return {
    scope,
    activePeople,
    personas,
    habits,
    byUnit: byUnit.rows,
    ...(anyHidden ? { suppressed: suppressionReason(rule) } : {}),
  };
}
