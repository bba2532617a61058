import type { PeopleCount } from '../disclosure/cell-key';

/**
 * The aggregates the knowledge-flow SQL returns (knowledge-flow-sql.ts) and the pure computation reads
 * (knowledge-flow.ts). Everything is already summed per unit, cell or month in Postgres, so the work in
 * Node is bounded by the number of units, never by the number of threads.
 */

/** A number of threads and the people it rests on: what a thread figure needs to be published. */
export interface ThreadTally {
  threads: number;
  /** The distinct people the figure is about, with their cell key. */
  people: PeopleCount;
  /** The most threads one of them contributed (the scale of magnitude perturbation). */
  top: number;
}

/** One cell of the matrix: threads of `askerUnit`'s authors first answered by `responderUnit`'s people. */
export interface FlowCellRow {
  /** The authors' org unit; null when unknown. */
  askerUnit: string | null;
  /** The first responders' org unit; null when unknown. */
  responderUnit: string | null;
  /** Threads of the cell, with the distinct authors behind them. */
  byAuthors: ThreadTally;
  /** Distinct first responders of the cell. */
  responders: PeopleCount;
}

/** What a unit asks and answers. Each figure carries the unit's own people behind it. */
export interface FlowUnitRow {
  unit: string;
  /** Threads the unit's people started (answered or not); people = their authors. */
  started: ThreadTally;
  /** Threads of other (known) units first answered by the unit's people; people = those responders. */
  answersToOthers: ThreadTally;
  /** Threads of the unit first answered by people of other (known) units; people = the unit's authors. */
  answeredByOthers: ThreadTally;
}

/**
 * Answered threads whose two units (departments, or legacy companies) are both known, split into those
 * crossing the boundary and those staying on one side, with the distinct people of each side of each part.
 */
export interface BoundaryTally {
  comparable: number;
  crossing: number;
  crossingAuthors: number;
  crossingResponders: number;
  sameAuthors: number;
  sameResponders: number;
}

/** The answered threads of a month (or of the whole range when `month` is null). */
export interface FlowShareRow {
  /** First day of the month (YYYY-MM-DD); null for the whole range. */
  month: string | null;
  /** Answered threads, with their distinct authors. */
  answered: ThreadTally;
  /** Distinct first responders of them. */
  responders: number;
  department: BoundaryTally;
  company: BoundaryTally;
}

/** A magnitude summed over the people of a hierarchy level, with the largest single contribution. */
export interface LevelMagnitude {
  total: number;
  top: number;
}

/** The people of one hierarchy level of the population and what they did in the range. */
export interface LevelRow {
  /** people.level (1 = top); null = unknown. */
  level: number | null;
  /** Everyone of the level in the population. */
  people: PeopleCount;
  /** Those with an active day in the range (person_daily). */
  active: PeopleCount;
  /** Posts and questions (person_daily.creations). */
  posts: LevelMagnitude;
  /** Replies and answers (person_daily.replies). */
  replies: LevelMagnitude;
  /** Interactions aimed at people of a lower level (a higher number). */
  toStaff: LevelMagnitude;
  /** Interactions aimed at people of a higher level (a lower number). */
  toLeaders: LevelMagnitude;
  /** Distinct people each person of the level addressed, summed. */
  reach: LevelMagnitude;
}
