import { publishMagnitude, type DisclosureRule, type PeopleCount } from '../disclosure/cell-key';
import { isSuppressed } from '../disclosure/suppression';

/** numerator / denominator, or null when there is nothing to divide by (a 0 would claim "none of them"). */
export function shareOf(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** A ratio of two people counts, withheld when either side rests on 1..k-1 people. */
export function peopleRatio(numerator: number, denominator: number, rule: DisclosureRule): number | null {
  if (isSuppressed(numerator, rule) || isSuppressed(denominator, rule)) return null;
  return shareOf(numerator, denominator);
}

/** The share of posts posted by the top 10% of posters (at least one person): the fragility measure. */
export const TOP_POSTERS_FRACTION = 0.1;

/**
 * Share of the total carried by the top `fraction` of contributors (ceil, so at least one person): with 15
 * posters, the 2 most prolific. `values` are per-person totals in any order; zeros are not contributors.
 * Null when nobody contributed.
 */
export function topShare(values: readonly number[], fraction = TOP_POSTERS_FRACTION): number | null {
  const sorted = values.filter((value) => value > 0).sort((a, b) => b - a);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  if (total === 0) return null;
  const top = Math.ceil(sorted.length * fraction);
  return sorted.slice(0, top).reduce((sum, value) => sum + value, 0) / total;
}

/**
 * Key-player index: the smallest share of the active people that together carry at least half of the
 * interactions (given and received). Everyone alike gives about 0.5; one person carrying half of it in a
 * community of 20 gives 0.05. `activePeople` is the denominator (people active without any interaction
 * count there: they are part of the community but carry nothing). Null without interactions or people.
 */
export function keyPlayerIndex(interactions: readonly number[], activePeople: number): number | null {
  const sorted = interactions.filter((value) => value > 0).sort((a, b) => b - a);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  if (total === 0 || activePeople === 0) return null;
  let carried = 0;
  for (let index = 0; index < sorted.length; index++) {
    carried += sorted[index];
    if (carried * 2 >= total) return (index + 1) / activePeople;
  }
  return sorted.length / activePeople;
}

/**
 * What the thread query counts for one community (or for all of them, or for an org unit's people): threads
 * started in the range by people of the population, and how they were answered by someone else.
 */
export interface ThreadTallies {
  threads: number;
  /** First response by someone else within 7 days (168 hours). */
  answeredWithin7Days: number;
  questions: number;
  answeredQuestions: number;
  /** Threads with a first response by someone else (at any time). */
  answered: number;
  /** Hours to the first response over the answered threads (percentile_cont); null when none was answered. */
  medianHours: number | null;
  p90Hours: number | null;
  /** Distinct authors: thread figures rest on them. */
  authors: PeopleCount;
  /** The most threads one author started (the scale of magnitude perturbation). */
  topAuthorThreads: number;
  /** Answered threads where both the author's and the first responder's department are known. */
  comparable: number;
  /** Of those, the ones whose two departments differ. */
  crossDepartment: number;
}

export function emptyTallies(): ThreadTallies {
  return {
    threads: 0,
    answeredWithin7Days: 0,
    questions: 0,
    answeredQuestions: 0,
    answered: 0,
    medianHours: null,
    p90Hours: null,
    authors: { count: 0, key: 0 },
    topAuthorThreads: 0,
    comparable: 0,
    crossDepartment: 0,
  };
}

export interface ThreadFigures {
  threads: number | null;
  replyCoverage: number | null;
  questions: number | null;
  questionAnsweredRate: number | null;
  medianHoursToFirstReply: number | null;
  p90HoursToFirstReply: number | null;
  unansweredShare: number | null;
  crossDepartmentShare: number | null;
}

/** A count of things (threads, posts) made by the people of `cell`, as published (rounded after noise). */
export function publishVolume(total: number, top: number, cell: PeopleCount, rule: DisclosureRule): number {
  return Math.round(publishMagnitude(total, top, cell, rule));
}

/**
 * The published thread figures. Every one rests on the threads' authors: all are withheld when they are
 * 1..k-1 people (a community with 3 authors would show what those 3 got back). Shares are computed from
 * the true counts; with no thread there is no share (null) but the count 0 is shown.
 */
export function threadFigures(tallies: ThreadTallies, rule: DisclosureRule): ThreadFigures {
  if (isSuppressed(tallies.authors.count, rule)) {
    return {
      threads: null,
      replyCoverage: null,
      questions: null,
      questionAnsweredRate: null,
      medianHoursToFirstReply: null,
      p90HoursToFirstReply: null,
      unansweredShare: null,
      crossDepartmentShare: null,
    };
  }
  const volume = (count: number) => publishVolume(count, tallies.topAuthorThreads, tallies.authors, rule);
  return {
    threads: volume(tallies.threads),
    replyCoverage: shareOf(tallies.answeredWithin7Days, tallies.threads),
    questions: volume(tallies.questions),
    questionAnsweredRate: shareOf(tallies.answeredQuestions, tallies.questions),
    medianHoursToFirstReply: tallies.medianHours,
    p90HoursToFirstReply: tallies.p90Hours,
    unansweredShare: shareOf(tallies.threads - tallies.answered, tallies.threads),
    crossDepartmentShare: shareOf(tallies.crossDepartment, tallies.comparable),
  };
}
