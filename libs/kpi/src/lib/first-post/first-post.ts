import type { FirstPostGroup, FirstPostReport, KpiScope, RateWithInterval } from '@uptake/contracts';
import { proportionDifferenceInterval, wilsonInterval } from '../core/intervals';
import { addDays, periodsBetween, weekStart } from '../core/periods';
import { peopleShare } from '../core/protected-parts';
import { MAX_BREAKDOWN_ROWS, NO_UNIT, type TopUnits } from '../core/top-units';
import { complementaryHidden, PeopleCell, type DisclosureRule } from '../disclosure/cell-key';
import { protect, suppressionReason } from '../disclosure/suppression';

/** Retention windows after the first post: days 22..28 (week 4) and 50..56 (week 8), day 0 the post's day. */
export const RETENTION_WEEKS = [4, 8] as const;

/** A person whose first thread ever (post or question) was started in the range. */
export interface Newcomer {
  id: string;
  recordKey: number;
  orgUnitId: string | null;
  /** Community of the first post (null: none). */
  groupId: string | null;
  firstPostDay: string;
  /** Someone else responded within the response hours. */
  answered: boolean;
  /** Active on a day 22..28 after the first post (whether or not that lies in the range). */
  activeInWeek4: boolean;
  /** Active on a day 50..56 after the first post. */
  activeInWeek8: boolean;
}

/** Whether `week` (4 or 8) after the first post has ended by `to`: only then does its retention count. */
export function retentionMeasurable(newcomer: Newcomer, week: number, to: string): boolean {
  return addDays(newcomer.firstPostDay, week * 7) <= to;
}

function cellOf(people: readonly Newcomer[]): PeopleCell {
  const cell = new PeopleCell();
  for (const person of people) cell.add(person.recordKey);
  return cell;
}

/**
 * A retention rate with its Wilson 95% interval, over the newcomers whose week has ended. Withheld when the
 * people it is over, or the retained among them, are 1..k-1. The interval is null with the rate.
 */
export function retentionRate(
  newcomers: readonly Newcomer[],
  week: (typeof RETENTION_WEEKS)[number],
  to: string,
  rule: DisclosureRule,
): RateWithInterval & { retained: number; measured: number } {
  const measured = newcomers.filter((newcomer) => retentionMeasurable(newcomer, week, to));
  const retained = measured.filter((newcomer) =>
    week === 4 ? newcomer.activeInWeek4 : newcomer.activeInWeek8,
  ).length;
  const rate = peopleShare(retained, measured.length, rule);
  const interval = rate === null ? null : wilsonInterval(retained, measured.length);
  return {
    rate,
    low: interval?.low ?? null,
    high: interval?.high ?? null,
    people: protect(cellOf(measured), rule),
    retained,
    measured: measured.length,
  };
}

type Rate = ReturnType<typeof retentionRate>;

function publicRate({ rate, low, high, people }: Rate): RateWithInterval {
  return { rate, low, high, people };
}

/** answered − unanswered with Newcombe's hybrid score interval, when both rates are published. */
export function retentionDifference(answered: Rate, unanswered: Rate) {
  if (answered.rate === null || unanswered.rate === null) {
    return { difference: null, low: null, high: null };
  }
  const interval = proportionDifferenceInterval(
    answered.retained,
    answered.measured,
    unanswered.retained,
    unanswered.measured,
  );
  return { difference: interval.estimate, low: interval.low, high: interval.high };
}

/** A breakdown row of the leading indicator, before it gets its key fields. */
export interface AnsweredShare {
  firstPosts: number | null;
  answeredWithin24h: number | null;
  suppressed?: ReturnType<typeof suppressionReason>;
}

/**
 * The share of first posts answered per row of a breakdown (week, unit, community). The rows' newcomers
 * and answered newcomers add up to published totals, so both columns get complementary suppression
 * (`remainder`: newcomers in no row, e.g. first posts outside any community, never published); a share
 * is withheld when its row's newcomers or answered newcomers are withheld or 1..k-1.
 */
export function answeredShares(
  rows: readonly (readonly Newcomer[])[],
  remainder: readonly Newcomer[],
  rule: DisclosureRule,
): AnsweredShare[] {
  const unpublished = [...rows.map(() => false), true];
  const answeredOf = (people: readonly Newcomer[]) => people.filter((person) => person.answered).length;
  const totalHidden = complementaryHidden(
    [...rows.map((people) => people.length), remainder.length],
    rule,
    unpublished,
  );
  const answeredHidden = complementaryHidden(
    [...rows.map(answeredOf), answeredOf(remainder)],
    rule,
    unpublished,
  );
  return rows.map((people, index) => {
    const firstPosts = totalHidden[index] ? null : protect(cellOf(people), rule);
    const share =
      firstPosts === null || answeredHidden[index]
        ? null
        : peopleShare(answeredOf(people), people.length, rule);
    const withheld = firstPosts === null || (people.length > 0 && share === null);
    return {
      firstPosts,
      answeredWithin24h: share,
      ...(withheld ? { suppressed: suppressionReason(rule) } : {}),
    };
  });
}

function groupBy<K>(newcomers: readonly Newcomer[], key: (newcomer: Newcomer) => K): Map<K, Newcomer[]> {
  const groups = new Map<K, Newcomer[]>();
  for (const newcomer of newcomers) {
    const k = key(newcomer);
    const group = groups.get(k);
    if (group) group.push(newcomer);
    else groups.set(k, [newcomer]);
  }
  return groups;
}

/** The largest `MAX_BREAKDOWN_ROWS` rows (suppression ran over all of them), then by name. */
function capped<T extends { name: string }>(rows: { row: T; size: number }[]): T[] {
  return rows
    .sort((a, b) => b.size - a.size || a.row.name.localeCompare(b.row.name))
    .slice(0, MAX_BREAKDOWN_ROWS)
    .map(({ row }) => row)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * "Found nobody, stopped": newcomers whose first post was answered by someone else within the response
 * hours against those whose first post was not, their 4- and 8-week retention with intervals and the
 * difference, and the share of first posts answered per week, top-level unit and community.
 */
export function firstPostReportOf(
  scope: KpiScope,
  newcomers: readonly Newcomer[],
  units: TopUnits,
  groupNames: ReadonlyMap<string, string>,
  rule: DisclosureRule,
): FirstPostReport {
  const answered = newcomers.filter((newcomer) => newcomer.answered);
  const unanswered = newcomers.filter((newcomer) => !newcomer.answered);
  const groupsHidden = complementaryHidden([answered.length, unanswered.length], rule);
  const rates = (people: readonly Newcomer[]) => ({
    four: retentionRate(people, 4, scope.to, rule),
    eight: retentionRate(people, 8, scope.to, rule),
  });
  const [answeredRates, unansweredRates] = [rates(answered), rates(unanswered)];
  const group = (people: readonly Newcomer[], hidden: boolean, r: typeof answeredRates): FirstPostGroup => ({
    people: hidden ? null : protect(cellOf(people), rule),
    retained4Weeks: publicRate(r.four),
    retained8Weeks: publicRate(r.eight),
  });
  const share = groupsHidden.some(Boolean) ? null : peopleShare(answered.length, newcomers.length, rule);

  const weeks = periodsBetween(scope.from, scope.to, 'week').map((period) => weekStart(period.start));
  const byWeekPeople = groupBy(newcomers, (newcomer) => weekStart(newcomer.firstPostDay));
  const byWeek = answeredShares(
    weeks.map((week) => byWeekPeople.get(week) ?? []),
    [],
    rule,
  ).map((row, index) => ({ week: weeks[index], ...row }));

  const byUnitPeople = [
    ...groupBy(newcomers, (newcomer) =>
      newcomer.orgUnitId === null ? null : (units.of.get(newcomer.orgUnitId) ?? null),
    ),
  ];
  const unitShares = answeredShares(
    byUnitPeople.map(([, people]) => people),
    [],
    rule,
  );
  const byUnit = capped(
    byUnitPeople.map(([orgUnitId, people], index) => ({
      row: {
        orgUnitId,
        name: orgUnitId === null ? NO_UNIT : (units.names.get(orgUnitId) ?? orgUnitId),
        ...unitShares[index],
      },
      size: people.length,
    })),
  );

  const byGroupPeople = groupBy(newcomers, (newcomer) => newcomer.groupId);
  const communities = [...byGroupPeople].filter((entry): entry is [string, Newcomer[]] => entry[0] !== null);
  const communityShares = answeredShares(
    communities.map(([, people]) => people),
    byGroupPeople.get(null) ?? [],
    rule,
  );
  const byCommunity = capped(
    communities.map(([groupId, people], index) => ({
      row: { groupId, name: groupNames.get(groupId) ?? groupId, ...communityShares[index] },
      size: people.length,
    })),
  );

  const answeredGroup = group(answered, groupsHidden[0], answeredRates);
  const unansweredGroup = group(unanswered, groupsHidden[1], unansweredRates);
  const anyHidden =
    newcomers.length > 0 &&
    (share === null ||
      answeredGroup.people === null ||
      unansweredGroup.people === null ||
      [answeredRates, unansweredRates].some(
        (r) =>
          (r.four.measured > 0 && r.four.rate === null) || (r.eight.measured > 0 && r.eight.rate === null),
      ) ||
      [...byWeek, ...byUnit, ...byCommunity].some((row) => row.suppressed !== undefined));
  return {
    scope,
    answered: answeredGroup,
    unanswered: unansweredGroup,
    difference4Weeks: retentionDifference(answeredRates.four, unansweredRates.four),
    difference8Weeks: retentionDifference(answeredRates.eight, unansweredRates.eight),
    answeredWithin24h: share,
    byWeek,
    byUnit,
    byCommunity,
    ...(anyHidden ? { suppressed: suppressionReason(rule) } : {}),
  };
}
