import type { SuppressionReason } from './privacy';

/** Filters every KPI endpoint takes. Days are in the organisation's time zone. */
export interface KpiScope {
  organisationId: string;
  from: string;
  to: string;
  granularity: 'day' | 'week' | 'month';
  /** Org unit whose subtree is the population, or null for the whole organisation. */
  orgUnitId: string | null;
  /** Group (a pilot cohort, a community) whose members are the population, or null. */
  groupId: string | null;
  minGroupSize: number;
  /**
   * Counts of people are perturbed by the cell-key method (by at most ±2 people, the same figure for the same
   * people every time); magnitudes by at most the largest single contribution. False: exact figures.
   */
  perturbation: boolean;
}

/** Figures about people are null when they rest on 1..k-1 people; `suppressed` then says why. */
export interface AdoptionPoint {
  start: string;
  end: string;
  /** People in the directory, employed on the period's last day. */
  eligible: number | null;
  /** Distinct people active in the period (any activity that counts, reads included; joins are not activity). */
  active: number | null;
  /** Eligible people active at least once up to the period's end. */
  activated: number | null;
  /** activated / eligible. */
  adoptionRate: number | null;
  /** Mean of daily active people over the period's days. */
  averageDailyActive: number | null;
  /** Distinct people active in the 7 and 28 days ending on the period's last day. */
  weeklyActive: number | null;
  monthlyActive: number | null;
  /** averageDailyActive / monthlyActive. */
  stickiness: number | null;
  /**
   * Eligible people who joined a channel or group up to the period's end but were never active (a join is not
   * activity). Withheld, like any count, when it or the rest of the never-active people are 1..k-1 people.
   */
  joinedOnly?: number | null;
  suppressed?: SuppressionReason;
}

export interface AdoptionReport {
  scope: KpiScope;
  points: AdoptionPoint[];
}

export interface ParticipationPoint {
  start: string;
  end: string;
  eligible: number | null;
  /** Started something (post, question). */
  creators: number | null;
  /** Responded (reply, answer, mention, share, call, reaction) without starting anything. */
  contributors: number | null;
  /** Active, but only reading or chatting privately (no contribution in the open; joins are not activity). */
  readers: number | null;
  /** Eligible and not active at all. */
  inactive: number | null;
  suppressed?: SuppressionReason;
}

export type Persona = 'creator' | 'responder' | 'reactor' | 'observer';

export interface ParticipationReport {
  scope: KpiScope;
  points: ParticipationPoint[];
  /** People per persona over the whole range (the strongest behaviour each showed). */
  personas: Record<Persona, number | null>;
  /** Share of all events that comes from the most active 1% and 10% of active people. */
  concentration: { top1Percent: number | null; top10Percent: number | null; activePeople: number | null };
  /** The 90-9-1 rule's reference shares of creators, contributors and the rest. */
  reference: { creators: 0.01; contributors: 0.09; rest: 0.9 };
  suppressed?: SuppressionReason;
}

export interface RetentionCohort {
  /** Monday of the week of the cohort's first activity. */
  week: string;
  size: number | null;
  /** Share of the cohort active in its week 0, 1, 2, … (up to the range's end). */
  retained: (number | null)[];
  suppressed?: SuppressionReason;
}

export interface ChurnByUnit {
  orgUnitId: string | null;
  name: string;
  activated: number | null;
  triedAndStopped: number | null;
  rate: number | null;
  suppressed?: SuppressionReason;
}

export interface RetentionReport {
  scope: KpiScope;
  cohorts: RetentionCohort[];
  /** Silent weeks after which an activated person counts as stopped. */
  silentWeeks: number;
  /** Activated at least `silentWeeks` before the range's end (so they could have been seen to stop). */
  activated: number | null;
  /** …and silent during the last `silentWeeks` weeks of the range. */
  triedAndStopped: number | null;
  triedAndStoppedRate: number | null;
  /** Came back in the range after a silence of at least `silentWeeks`. */
  reactivated: number | null;
  byUnit: ChurnByUnit[];
  suppressed?: SuppressionReason;
}

export interface EngagementPoint {
  start: string;
  end: string;
  active: number | null;
  posts: number | null;
  replies: number | null;
  reactions: number | null;
  postsPerActive: number | null;
  repliesPerActive: number | null;
  reactionsPerActive: number | null;
  /**
   * Threads (posts, questions) started by the population in the period. For the whole organisation this
   * includes threads whose root was deleted or is missing (they start with their first response).
   */
  threads: number | null;
  /** Share of those threads that got a reply or answer from someone else. */
  threadsWithResponse: number | null;
  /** Median hours from a thread's start to its first response by someone else. */
  medianHoursToFirstResponse: number | null;
  /**
   * Reactions the source counted without listing who reacted (Slack cuts long lists short): reaction volume
   * of the whole organisation, in no one's activity. Null for a filtered population (it belongs to no unit or
   * group) and when the period's activity is withheld.
   */
  unattributedReactions?: number | null;
  suppressed?: SuppressionReason;
  /**
   * Set (and the three thread figures null) when the population posted in the period but none of it is a
   * thread: every post came from usage reports, which count posts per person and day without saying who
   * answered what. "Not measurable", never "0 threads, none answered".
   */
  threadsNotMeasurable?: ThreadsNotMeasurable;
}

export interface ThreadsNotMeasurable {
  code: 'report-counts-only';
  message: string;
}

export interface EngagementReport {
  scope: KpiScope;
  points: EngagementPoint[];
}

export interface BoundaryCrossing {
  /** Share of interactions between people who differ on this attribute (of those where both are known). */
  share: number | null;
  /** Interactions where both people's value is known. */
  interactions: number | null;
  people: number | null;
  suppressed?: SuppressionReason;
}

export interface NetworkUnit {
  orgUnitId: string;
  name: string;
  /** Distinct people of the unit in any interaction. */
  people: number | null;
  internalInteractions: number | null;
  outgoingInteractions: number | null;
  incomingInteractions: number | null;
  /** Champions (early adopters with the widest reach) in the unit. */
  champions: number | null;
  suppressed?: SuppressionReason;
}

export interface NetworkLink {
  source: string;
  target: string;
  /** Interactions by people of `source` towards people of `target`. */
  interactions: number;
}

export interface NetworkReport {
  scope: KpiScope;
  summary: {
    people: number | null;
    interactions: number | null;
    density: number | null;
    averageDegree: number | null;
    components: number | null;
    largestComponentShare: number | null;
  };
  /** Cross-department, vertical (across hierarchy levels) and cross-company (merger) interaction. */
  crossing: Record<'department' | 'hierarchyLevel' | 'legacyCompany', BoundaryCrossing>;
  units: NetworkUnit[];
  /** Links whose both sides have at least k people; the others are counted in `hiddenLinks`. */
  links: NetworkLink[];
  hiddenLinks: number;
  suppressed?: SuppressionReason;
}

/** Person-level network roles: admins only, and only pseudonyms. */
export interface NetworkPeopleReport {
  scope: KpiScope;
  brokers: { pseudonym: string; orgUnitId: string | null; betweenness: number; degree: number }[];
  champions: {
    pseudonym: string;
    orgUnitId: string | null;
    adoptedOn: string;
    reach: number;
    interactions: number;
  }[];
}

export interface AdopterCategoryFigures {
  category: 'innovators' | 'earlyAdopters' | 'earlyMajority' | 'lateMajority' | 'laggards';
  count: number | null;
  share: number | null;
  /** Rogers' shares: 2.5%, 13.5%, 34%, 34%, 16%. */
  idealShare: number;
  firstAdoption: string | null;
  lastAdoption: string | null;
  suppressed?: SuppressionReason;
}

export interface DiffusionReport {
  scope: KpiScope;
  /** Eligible people at the end of the range (the market potential's upper bound). */
  eligible: number | null;
  /** Eligible people active at least once by the end of the range. */
  adopters: number | null;
  categories: AdopterCategoryFigures[];
  /** Cumulative adopters per week since the first adoption (the week's Monday). */
  /** Cumulative adopters at each week's end; null while they are 1..k-1 people. */
  curve: { week: string; adopters: number | null }[];
  /** Bass model fitted on the weekly curve; p and q are per week. */
  bass: { p: number; q: number; m: number; rSquared: number; converged: boolean } | null;
  /** When the fitted curve reaches the target share of eligible people, with a bootstrap 80% interval. */
  forecast: {
    targetShare: number;
    targetAdopters: number;
    date: string | null;
    p10: string | null;
    p90: string | null;
    reason: string | null;
  } | null;
  /** Why there is no fit or forecast, when there is none. */
  reason?: string;
  suppressed?: SuppressionReason;
}

/** One person's activity over a range: admins only, by pseudonym. */
export interface PersonActivity {
  pseudonym: string;
  orgUnitId: string | null;
  persona: Persona | null;
  events: number;
  creations: number;
  responses: number;
  reactions: number;
  activeDays: number;
  firstActiveDay: string | null;
  lastActiveDay: string | null;
}

/** Person-level activity: admins only, by pseudonym. */
export interface PeopleReport {
  scope: KpiScope;
  /** People in the population (the list is capped by `limit`). */
  total: number;
  people: PersonActivity[];
}
