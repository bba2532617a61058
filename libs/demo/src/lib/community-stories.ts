import type { ActivityType } from '@uptake/contracts';
import type { DemoEvent, DemoGroup } from './demo-organisation';
import { SeededRandom } from './random';
import { activeOn, DAY_MS, isWeekend, workingTime, type PersonPlan } from './simulation';

/**
 * Four communities of the demo company whose health tells a story on every communities view (issue 15):
 *
 * - **Customer stories** (thriving, cross-department): members of several departments post steadily and
 *   nearly every thread is answered within hours, mostly by someone of *another* department.
 * - **Leadership news** (broadcast only): a few senior people announce; almost nobody replies, many read
 *   and react.
 * - **Sustainability makers** (viral, bottom-up): a handful of founders start it ten weeks before the end
 *   and it doubles about every 24 days, each newcomer joining and introducing themselves.
 * - **New joiners** (first posts unanswered): people new to the network ask their first question there;
 *   most get no answer within 24 hours and go silent after two weeks, the few who are answered stay.
 *
 * A simulation of its own beside the company-wide one, with its own random stream and event ids
 * (`ev-<day>-s<n>`): the company-wide events, and the people's plans, are exactly what they were without
 * it. Who acts here is an adopter active that day in the company-wide simulation (so no one is revived
 * after they stopped or left), except the two kinds of people the stories are about: the leaders who
 * broadcast and the newcomers of New joiners (people the company-wide simulation never activates). It does
 * not scale with `targetEvents` (a story is about people, not volume); it is small, a few percent of the
 * events, and generated a day at a time like the rest.
 */

export const STORY_COMMUNITIES = {
  thriving: { externalId: 'com-customer-stories', name: 'Customer stories' },
  broadcast: { externalId: 'com-leadership-news', name: 'Leadership news' },
  viral: { externalId: 'com-sustainability-makers', name: 'Sustainability makers' },
  newJoiners: { externalId: 'com-new-joiners', name: 'New joiners' },
} as const;

/** The stories' ground truth (for tests; never loaded into Uptake). */
export interface CommunityStoryTruth {
  /** Leaders who post in Leadership news. */
  broadcasters: readonly string[];
  /** Day index on which the viral community's founders join. */
  viralStartDay: number;
  /** Newcomers whose first post ever (a question in New joiners) was answered by someone else within 24 h. */
  newcomersAnswered: readonly string[];
  /** Newcomers whose first post got no answer within 24 h (a few get a late one). */
  newcomersUnanswered: readonly string[];
}

/** Departments of Customer stories (Sales, Marketing, Customer Service, R&D, Operations) when they exist. */
const THRIVING_DEPARTMENTS = [2, 1, 8, 9, 6];
/**
 * Share of those departments' adopters who are members, and of the others (members who never take part).
 * Adopters mostly: before the pilot, the network's early adopters are the ones who found each other here,
 * and it thrives from the start; the pilot's Marketing people add to it after the kick-off.
 */
const THRIVING_ADOPTER_SHARE = 0.6;
const THRIVING_OTHER_SHARE = 0.08;
/** Threads per active member and working day; storytellers are picked four times as often. */
const THRIVING_POSTS_PER_ACTIVE = 0.035;
const THRIVING_STORYTELLERS = 0.2;
const THRIVING_ANSWERED = 0.93;
/** Share of first replies in Customer stories that come from another department than the author's. */
const THRIVING_OTHER_DEPARTMENT = 0.9;

const BROADCASTERS = 7;
const BROADCAST_POSTS_PER_DAY = 0.12;
const BROADCAST_REPLY_CHANCE = 0.04;

const VIRAL_DAYS = 70;
const VIRAL_FOUNDERS = 6;
/** Days in which the viral community doubles its members. */
const VIRAL_DOUBLING_DAYS = 24;

/** HR hosts New joiners (the last department when the company has fewer). */
const HOST_DEPARTMENT = 5;
/** About this share of the head count first appears as a newcomer in New joiners. */
const NEWCOMER_SHARE = 0.055;
const NEWCOMER_ANSWERED = 0.25;
const NEWCOMER_LATE_ANSWER = 0.3;
/** Who was answered mostly stays, who was not mostly stops; a few do the opposite. */
const NEWCOMER_STAYS_ANSWERED = 0.92;
const NEWCOMER_STAYS_UNANSWERED = 0.08;
/** Days after their first question in which a newcomer who stops still looks around (week 1 and 2). */
const NEWCOMER_SILENT_AFTER = 14;

const HOUR_MS = 3_600_000;
const RECENT_THREADS = 40;
/**
 * Days after the planned ones that events are kept for: the history's days after its last Sunday (at most
 * 6, see demoPeriod). Whether they are told or not, the same: a constant, not the history's length.
 */
const TAIL_DAYS = 7;

interface Response {
  by: PersonPlan;
  at: number;
}

interface Newcomer {
  plan: PersonPlan;
  day: number;
  questionAt: number;
  /** The first answer by someone else, decided beforehand so the truth is known without events. */
  answer: Response | null;
  staysActive: boolean;
}

interface ViralMember {
  plan: PersonPlan;
  joinDay: number;
}

/** Everything decided before any event: who is in which community and what happens to the newcomers. */
export interface StoryPlan {
  days: number;
  startMs: number;
  /** Adopters of the company-wide simulation (the people who can act on a given day). */
  adopters: readonly PersonPlan[];
  thriving: { members: PersonPlan[]; storytellers: ReadonlySet<PersonPlan> };
  broadcasters: PersonPlan[];
  viral: { startDay: number; members: ViralMember[] };
  newJoiners: { hosts: PersonPlan[]; newcomers: Newcomer[] };
}

export interface PlannedStories {
  plan: StoryPlan;
  groups: DemoGroup[];
  truth: CommunityStoryTruth;
}

/** Chooses the stories' members and the newcomers' fate; `random` is a stream of the stories' own. */
export function planCommunityStories(
  plans: readonly PersonPlan[],
  settings: { days: number; startMs: number; departmentCount: number },
  random: SeededRandom,
): PlannedStories {
  const { days, startMs } = settings;
  const adopters = plans.filter((plan) => plan.adoptionDay !== null);
  const ids = (members: readonly PersonPlan[]) => members.map((plan) => plan.person.externalId);

  const thrivingDepartments = THRIVING_DEPARTMENTS.filter((d) => d < settings.departmentCount);
  const inThriving = (plan: PersonPlan) =>
    thrivingDepartments.length >= 2 ? thrivingDepartments.includes(plan.departmentIndex) : true;
  const thrivingMembers = plans.filter(
    (plan) =>
      inThriving(plan) &&
      random.chance(plan.adoptionDay === null ? THRIVING_OTHER_SHARE : THRIVING_ADOPTER_SHARE),
  );
  const storytellers = new Set(thrivingMembers.filter(() => random.chance(THRIVING_STORYTELLERS)));

  const broadcasters = pickBroadcasters(plans);
  const viral = planViral(adopters, days, startMs, random);
  const hostDepartment = Math.min(HOST_DEPARTMENT, settings.departmentCount - 1);
  const hosts = plans.filter((plan) => plan.departmentIndex === hostDepartment);
  const newcomers = planNewcomers(plans, new Set(broadcasters), hosts, settings, random);

  const plan: StoryPlan = {
    days,
    startMs,
    adopters,
    thriving: { members: thrivingMembers, storytellers },
    broadcasters,
    viral,
    newJoiners: { hosts, newcomers },
  };
  const group = (
    story: (typeof STORY_COMMUNITIES)[keyof typeof STORY_COMMUNITIES],
    members: readonly PersonPlan[],
  ): DemoGroup => ({ ...story, kind: 'community', memberExternalIds: ids(members) });
  const answered = (newcomer: Newcomer) => answeredInADay(newcomer.answer, newcomer.questionAt);
  return {
    plan,
    groups: [
      group(STORY_COMMUNITIES.thriving, thrivingMembers),
      // A company-wide announcement channel: everyone is a member from the start (no joins).
      group(STORY_COMMUNITIES.broadcast, plans),
      group(
        STORY_COMMUNITIES.viral,
        viral.members.map((member) => member.plan),
      ),
      // Newcomers of the host department are hosts already.
      group(STORY_COMMUNITIES.newJoiners, [
        ...new Set([...hosts, ...newcomers.map((newcomer) => newcomer.plan)]),
      ]),
    ],
    truth: {
      broadcasters: ids(broadcasters),
      viralStartDay: viral.startDay,
      newcomersAnswered: ids(newcomers.filter(answered).map((newcomer) => newcomer.plan)),
      newcomersUnanswered: ids(newcomers.filter((n) => !answered(n)).map((newcomer) => newcomer.plan)),
    },
  };
}

/** The CEO and department heads (team leads when there are too few), who never join or leave mid-period. */
function pickBroadcasters(plans: readonly PersonPlan[]): PersonPlan[] {
  return plans
    .filter((plan) => plan.person.level <= 3)
    .sort((a, b) => a.person.level - b.person.level || a.person.externalId.localeCompare(b.person.externalId))
    .slice(0, BROADCASTERS);
}

/**
 * Founders join on the first day, member i (0-based) after DOUBLING · log2((i + 1) / FOUNDERS) days: the
 * community doubles every VIRAL_DOUBLING_DAYS. Members are adopters who stay active to the end, each
 * already adopted on their join day.
 */
function planViral(
  adopters: readonly PersonPlan[],
  days: number,
  startMs: number,
  random: SeededRandom,
): StoryPlan['viral'] {
  const startDay = nextWorkingDay(Math.max(0, days - VIRAL_DAYS), startMs);
  const target = Math.round(VIRAL_FOUNDERS * 2 ** ((days - startDay) / VIRAL_DOUBLING_DAYS));
  const candidates = shuffle(
    adopters.filter((plan) => plan.stopDay >= days && plan.endDay >= days),
    random,
  );
  const used = new Set<PersonPlan>();
  const members: ViralMember[] = [];
  for (let i = 0; i < target; i++) {
    const offset =
      i < VIRAL_FOUNDERS ? 0 : Math.ceil(VIRAL_DOUBLING_DAYS * Math.log2((i + 1) / VIRAL_FOUNDERS));
    const joinDay = nextWorkingDay(startDay + offset, startMs);
    if (joinDay >= days) break;
    const plan = candidates.find((c) => !used.has(c) && (c.adoptionDay ?? days) <= joinDay);
    if (!plan) continue;
    used.add(plan);
    members.push({ plan, joinDay });
  }
  return { startDay, members };
}

/**
 * Newcomers: people the company-wide simulation never activates (not in the pilot, employed to the end),
 * whose first activity is a question in New joiners: new hires a few days after they start, others at any
 * time. Whether and when someone answers is decided here, by a host active at that moment.
 */
function planNewcomers(
  plans: readonly PersonPlan[],
  excluded: ReadonlySet<PersonPlan>,
  hosts: readonly PersonPlan[],
  settings: { days: number; startMs: number },
  random: SeededRandom,
): Newcomer[] {
  const { days, startMs } = settings;
  const eligible = plans.filter(
    (plan) =>
      plan.adoptionDay === null &&
      !plan.pilot &&
      plan.endDay >= days &&
      plan.person.level === 4 &&
      !excluded.has(plan),
  );
  const share = Math.min(1, Math.round(plans.length * NEWCOMER_SHARE) / Math.max(1, eligible.length));
  const host = (at: number): PersonPlan | null => {
    const day = Math.floor((at - startMs) / DAY_MS);
    const active = hosts.filter((plan) => activeOn(plan, day));
    return active.length > 0 ? random.pick(active) : null;
  };
  const newcomers: Newcomer[] = [];
  for (const plan of eligible) {
    if (!random.chance(share)) continue;
    const drawn =
      plan.startDay > 0 ? plan.startDay + random.int(2, 10) : random.int(7, Math.max(7, days - 30));
    const day = nextWorkingDay(Math.max(drawn, plan.startDay), startMs);
    if (day >= days - 1) continue;
    const questionAt = startMs + day * DAY_MS + Math.floor((8 + random.next() * 9) * HOUR_MS);
    let answer: Response | null = null;
    if (random.chance(NEWCOMER_ANSWERED)) {
      const at = questionAt + Math.floor((0.5 + random.next() * 7.5) * HOUR_MS);
      const by = host(at);
      if (by) answer = { by, at };
    } else if (random.chance(NEWCOMER_LATE_ANSWER)) {
      const at = questionAt + Math.floor((30 + random.next() * 110) * HOUR_MS);
      const by = host(at);
      if (by) answer = { by, at };
    }
    const staysActive = random.chance(
      answeredInADay(answer, questionAt) ? NEWCOMER_STAYS_ANSWERED : NEWCOMER_STAYS_UNANSWERED,
    );
    newcomers.push({ plan, day, questionAt, answer, staysActive });
  }
  return newcomers;
}

/** What the first-post KPI calls answered: a response by someone else within 24 hours. */
function answeredInADay(answer: Response | null, questionAt: number): boolean {
  return answer !== null && answer.at - questionAt <= 24 * HOUR_MS;
}

function nextWorkingDay(day: number, startMs: number): number {
  let next = day;
  while (isWeekend(startMs, next)) next++;
  return next;
}

function shuffle<T>(items: readonly T[], random: SeededRandom): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

interface Thread {
  id: string;
  author: PersonPlan;
  at: number;
  group: string;
}

/**
 * The stories' events, a day at a time: `eventsOn(day)` must be called for day 0, 1, 2… and returns that
 * day's events in time order. Responses scheduled for later days wait in per-day buckets (a few days ahead at
 * most), so memory stays bounded by a few days of the stories.
 */
export class StorySimulation {
  private readonly random: SeededRandom;
  /** Ids and lengths of the events after the planned days, a stream and counter per day (see emit). */
  private readonly tail = new Map<number, { random: SeededRandom; sequence: number }>();
  private readonly seed: number;
  private readonly buckets = new Map<number, DemoEvent[]>();
  private readonly recent = new Map<string, Thread[]>();
  private sequence = 0;
  /** Newcomers by the day of their first question. */
  private readonly newcomersByDay = new Map<number, Newcomer[]>();
  private readonly viralByDay = new Map<number, ViralMember[]>();
  private readonly joinsByDay = new Map<number, { plan: PersonPlan; group: string }[]>();

  constructor(
    private readonly plan: StoryPlan,
    seed: number,
  ) {
    this.random = new SeededRandom(seed);
    this.seed = seed;
    for (const newcomer of plan.newJoiners.newcomers) push(this.newcomersByDay, newcomer.day, newcomer);
    for (const member of plan.viral.members) push(this.viralByDay, member.joinDay, member);
    // Members of Customer stories and the hosts of New joiners join when they adopt.
    const joins: [readonly PersonPlan[], string][] = [
      [plan.thriving.members, STORY_COMMUNITIES.thriving.externalId],
      [plan.newJoiners.hosts, STORY_COMMUNITIES.newJoiners.externalId],
    ];
    for (const [members, group] of joins)
      for (const member of members)
        if (member.adoptionDay !== null) push(this.joinsByDay, member.adoptionDay, { plan: member, group });
  }

  eventsOn(day: number): DemoEvent[] {
    const dayStart = this.plan.startMs + day * DAY_MS;
    for (const { plan, group } of this.joinsByDay.get(day) ?? [])
      this.emit(workingTime(this.random, dayStart), plan, 'join', group, null);
    if (!isWeekend(this.plan.startMs, day)) {
      const active = this.plan.adopters.filter((plan) => activeOn(plan, day));
      this.thrivingDay(day, dayStart);
      this.broadcastDay(day, dayStart, active);
      this.viralDay(day, dayStart);
      this.newJoinersDay(day, dayStart);
    }
    const events = this.buckets.get(day) ?? [];
    this.buckets.delete(day);
    return events.sort(
      (a, b) =>
        a.occurredAt.getTime() - b.occurredAt.getTime() ||
        (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0),
    );
  }

  /** Steady threads, answered within hours by another department, read and reacted to by colleagues. */
  private thrivingDay(day: number, dayStart: number): void {
    const group = STORY_COMMUNITIES.thriving.externalId;
    const active = this.plan.thriving.members.filter((plan) => activeOn(plan, day));
    if (active.length < 2) return;
    const weighted = active.flatMap((plan) =>
      this.plan.thriving.storytellers.has(plan) ? [plan, plan, plan, plan] : [plan],
    );
    const threads = this.random.poisson(THRIVING_POSTS_PER_ACTIVE * active.length);
    for (let i = 0; i < threads; i++) {
      const author = this.random.pick(weighted);
      const type: ActivityType = this.random.chance(0.15) ? 'question' : 'post';
      const thread = this.startThread(workingTime(this.random, dayStart), author, type, group);
      const others = active.filter((plan) => plan !== author);
      const otherDepartment = others.filter((plan) => plan.departmentIndex !== author.departmentIndex);
      if (this.random.chance(THRIVING_ANSWERED)) {
        const pool =
          otherDepartment.length > 0 && this.random.chance(THRIVING_OTHER_DEPARTMENT)
            ? otherDepartment
            : others;
        const delay = 10 * 60_000 + Math.floor(-Math.log(1 - this.random.next()) * 2.5 * HOUR_MS);
        this.respond(
          thread,
          this.random.pick(pool),
          Math.min(delay, 20 * HOUR_MS),
          type === 'question' ? 'answer' : 'reply',
        );
        for (let r = this.random.poisson(0.8); r > 0; r--)
          this.respond(thread, this.random.pick(others), this.hours(1, 30), 'reply');
      }
      for (let r = this.random.poisson(3); r > 0; r--)
        this.respond(thread, this.random.pick(others), this.hours(0.2, 24), 'reaction');
      for (let r = this.random.poisson(6); r > 0; r--)
        this.respond(thread, this.random.pick(others), this.hours(0.1, 48), 'read');
    }
  }

  /** Announcements by leaders: many read, some react, almost nobody replies. */
  private broadcastDay(day: number, dayStart: number, active: readonly PersonPlan[]): void {
    const group = STORY_COMMUNITIES.broadcast.externalId;
    for (const author of this.plan.broadcasters) {
      if (day < author.startDay || day >= author.endDay || !this.random.chance(BROADCAST_POSTS_PER_DAY))
        continue;
      const thread = this.startThread(workingTime(this.random, dayStart), author, 'post', group, [300, 1500]);
      const readers = active.filter((plan) => plan !== author);
      if (readers.length === 0) continue;
      for (let r = this.random.poisson(25); r > 0; r--)
        this.respond(thread, this.random.pick(readers), this.hours(0.1, 72), 'read');
      for (let r = this.random.poisson(6); r > 0; r--)
        this.respond(thread, this.random.pick(readers), this.hours(0.2, 48), 'reaction');
      if (this.random.chance(BROADCAST_REPLY_CHANCE))
        this.respond(thread, this.random.pick(readers), this.hours(1, 48), 'reply');
    }
  }

  /** Joiners introduce themselves and are welcomed; members post, reply, react and read most days. */
  private viralDay(day: number, dayStart: number): void {
    const group = STORY_COMMUNITIES.viral.externalId;
    const members = this.plan.viral.members.filter((member) => member.joinDay < day).map((m) => m.plan);
    // Responses go to threads of earlier days (today's new threads are welcomed below).
    const threads = [...(this.recent.get(group) ?? [])];
    for (const plan of members) {
      if (!this.random.chance(0.6)) continue;
      const at = workingTime(this.random, dayStart);
      const roll = this.random.next();
      const thread = threads.length > 0 ? this.random.pick(threads) : null;
      if (roll < 0.18 || thread === null) this.startThread(at, plan, 'post', group);
      else if (thread.author === plan) this.emit(at, plan, 'read', group, thread);
      else this.emit(at, plan, roll < 0.5 ? 'reply' : roll < 0.75 ? 'reaction' : 'read', group, thread);
    }
    for (const { plan } of this.viralByDay.get(day) ?? []) {
      const joinedAt = workingTime(this.random, dayStart);
      this.emit(joinedAt, plan, 'join', group, null);
      const thread = this.startThread(joinedAt + this.minutes(5, 60), plan, 'post', group);
      if (members.length > 0 && this.random.chance(0.7))
        this.respond(thread, this.random.pick(members), this.hours(0.3, 6), 'reply');
    }
  }

  /** First questions (answered as planned), newcomers' follow-up, and the hosts' rare replies. */
  private newJoinersDay(day: number, dayStart: number): void {
    const group = STORY_COMMUNITIES.newJoiners.externalId;
    const { newcomers, hosts } = this.plan.newJoiners;
    // Follow-ups go to threads of earlier days (a thread started in this loop may be later in the day).
    const threads = [...(this.recent.get(group) ?? [])];
    for (const newcomer of newcomers) {
      if (newcomer.day >= day) continue;
      const since = day - newcomer.day;
      const looking = newcomer.staysActive || since < NEWCOMER_SILENT_AFTER;
      const chance = newcomer.staysActive ? 0.55 : 0.3;
      if (!looking || !this.random.chance(chance)) continue;
      const at = workingTime(this.random, dayStart);
      if (newcomer.staysActive && this.random.chance(0.12)) {
        const thread = this.startThread(at, newcomer.plan, 'post', group);
        const host = hosts.filter((plan) => activeOn(plan, day));
        if (host.length > 0 && this.random.chance(0.4))
          this.respond(thread, this.random.pick(host), this.hours(1, 20), 'reply');
      } else if (threads.length > 0) {
        const thread = this.random.pick(threads);
        const react = newcomer.staysActive && thread.author !== newcomer.plan && this.random.chance(0.2);
        this.emit(at, newcomer.plan, react ? 'reaction' : 'read', group, thread);
      }
    }
    for (const newcomer of this.newcomersByDay.get(day) ?? []) {
      const { plan, questionAt, answer } = newcomer;
      this.emit(questionAt - 20 * 60_000, plan, 'join', group, null);
      // Who joins looks around first: their first activity, as for the company-wide adopters.
      this.emit(questionAt - 10 * 60_000, plan, 'read', group, null);
      const thread = this.startThread(questionAt, plan, 'question', group);
      if (answer) this.emit(answer.at, answer.by, 'answer', group, thread);
    }
  }

  private startThread(
    at: number,
    author: PersonPlan,
    type: ActivityType,
    group: string,
    length: [number, number] = [40, 900],
  ): Thread {
    const id = this.emit(at, author, type, group, null, length) as string;
    const thread = { id, author, at, group };
    const threads = this.recent.get(group) ?? [];
    threads.push(thread);
    if (threads.length > RECENT_THREADS) threads.shift();
    this.recent.set(group, threads);
    return thread;
  }

  /** A response to `thread` after `delay`, by someone active that day in the company-wide simulation. */
  private respond(thread: Thread, by: PersonPlan, delay: number, type: ActivityType): void {
    const at = thread.at + delay;
    if (!activeOn(by, Math.floor((at - this.plan.startMs) / DAY_MS))) return;
    this.emit(at, by, type, thread.group, thread);
  }

  /**
   * One event; beyond the planned days and the tail after them it is dropped (a response after the end).
   * Returns its id. Replies, answers and reactions target the thread's author; reads target nobody. Events
   * of the tail (the days a history may add after its planned weeks) take their ids and lengths from a
   * counter and a stream of their day's own: the planned days are the same with or without a tail, and each
   * tail day the same however many of them a history tells (a response a longer history keeps for a later
   * day, where its responder is still active, draws nothing from an earlier day's stream).
   */
  private emit(
    at: number,
    actor: PersonPlan,
    type: ActivityType,
    group: string,
    thread: Thread | null,
    length: [number, number] | null = null,
  ): string | null {
    const day = Math.floor((at - this.plan.startMs) / DAY_MS);
    if (day >= this.plan.days + TAIL_DAYS) return null;
    const tail = day >= this.plan.days ? this.tailDay(day) : null;
    const random = tail ? tail.random : this.random;
    const externalId = tail ? `ev-${day}-t${tail.sequence++}` : `ev-${day}-s${this.sequence++}`;
    const responds = type === 'reply' || type === 'answer';
    push(this.buckets, day, {
      externalId,
      occurredAt: new Date(at),
      actorExternalId: actor.person.externalId,
      type,
      groupExternalId: group,
      threadExternalId: thread?.id ?? null,
      targetActorExternalId:
        thread && type !== 'read' && type !== 'join' ? thread.author.person.externalId : null,
      contentLength: length ? random.int(...length) : responds ? random.int(5, 400) : null,
    });
    return externalId;
  }

  /** The tail day's stream and counter (at most TAIL_DAYS of them). */
  private tailDay(day: number): { random: SeededRandom; sequence: number } {
    let tail = this.tail.get(day);
    if (!tail) {
      tail = {
        random: new SeededRandom((this.seed ^ Math.imul(0x5bd1e995, day + 1)) >>> 0 || 1),
        sequence: 0,
      };
      this.tail.set(day, tail);
    }
    return tail;
  }

  private hours(min: number, max: number): number {
    return Math.floor((min + this.random.next() * (max - min)) * HOUR_MS);
  }

  private minutes(min: number, max: number): number {
    return Math.floor((min + this.random.next() * (max - min)) * 60_000);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
}
