import type { ActivityType } from '@uptake/contracts';
import { planCommunityStories, StorySimulation, type CommunityStoryTruth } from './community-stories';
import {
  EMAIL_EFFECT,
  expectedEmailUsageRows,
  simulateEmailUsage,
  type DemoUsage,
  type EmailEffectTruth,
  type EmailMetric,
} from './email-usage';
import { demoPeriod, isoDay, pilotKickoffDay } from './demo-period';
import { SeededRandom } from './random';
import {
  activeOn,
  isWeekend,
  workingTime,
  DAY_MS,
  type DemoPerson,
  type Persona,
  type PersonPlan,
} from './simulation';

export type { DemoPerson, Persona } from './simulation';
export { demoPeriod, pilotKickoffDay, PILOT_WEEKS_BY_TODAY, type DemoPeriod } from './demo-period';
export { STORY_COMMUNITIES, type CommunityStoryTruth } from './community-stories';
export {
  calendarFactor,
  EMAIL_EFFECT,
  EMAIL_HISTORY_WEEKS,
  isOffDay,
  pilotEffectFactor,
  type DemoUsage,
  type EmailEffectTruth,
  type EmailMetric,
} from './email-usage';

/**
 * The demo company: a realistic, seeded and deterministic simulation of an organisation rolling out an
 * internal social network. The story: the network is switched on for everyone on the history's first day and
 * a few people find it on their own (the pre-pilot period); the pilot (Marketing and IT) kicks off so that
 * the last complete week is its 6th of 12 planned (pilotKickoffDay), its departments adopt along an S-curve
 * from the kick-off, and the rest of the company, not rolled out to yet, only a little. Pure: no I/O. The
 * directory is built eagerly (it is small); events stream from a generator one day at a time, so 10M+ events
 * need no more memory than one day of activity.
 */

export interface DemoOptions {
  seed?: number;
  people?: number;
  departments?: number;
  /** First day of the simulated period (ISO date; default 2026-01-05). Not together with `endDate`. */
  start?: string;
  /**
   * Last day of the history (ISO date), e.g. yesterday: see demoPeriod. The same seed and end date give the
   * same data; an end date whole weeks later gives the same events that many weeks later.
   */
  endDate?: string;
  /** Length of the simulated period in days (default 182, 26 weeks); with `endDate`, rounded up to weeks. */
  days?: number;
}

export interface DemoOrgUnit {
  externalId: string;
  name: string;
  kind: 'organisation' | 'division' | 'department' | 'legacy_company';
  parentExternalId: string | null;
}

export interface DemoGroup {
  externalId: string;
  name: string;
  kind: 'channel' | 'community' | 'cohort';
  memberExternalIds: string[];
}

export interface DemoEvent {
  externalId: string;
  occurredAt: Date;
  actorExternalId: string;
  type: ActivityType;
  groupExternalId: string | null;
  threadExternalId: string | null;
  targetActorExternalId: string | null;
  contentLength: number | null;
}

/** The simulation's ground truth, for tests and benchmarks (never loaded into Uptake). */
export interface DemoTruth {
  /** Day index (0-based) of each adopter's first activity. */
  adoptionDay: ReadonlyMap<string, number>;
  /** Adopters who stop after their first weeks. */
  triedAndStopped: ReadonlySet<string>;
  personas: ReadonlyMap<string, Persona>;
  champions: readonly string[];
  /** The four story communities (community-stories.ts): broadcasters, viral start, newcomers' fate. */
  communities: CommunityStoryTruth;
  /** The pilot's true effect on e-mails sent (email-usage.ts): what the business case should recover. */
  emailEffect: EmailEffectTruth;
}

export interface DemoOrganisation {
  name: string;
  slug: string;
  /** First day of the history (ISO date). */
  start: string;
  /** Last day of the history (ISO date): start + days - 1. */
  endDate: string;
  /** Days of history. */
  days: number;
  orgUnits: DemoOrgUnit[];
  people: DemoPerson[];
  groups: DemoGroup[];
  pilot: {
    departmentExternalIds: string[];
    groupExternalId: string;
    /** The pilot's kick-off (ISO date, day pilotKickoffDay of the history): its departments adopt from it. */
    kickoff: string;
  };
  truth: DemoTruth;
  /** Lazily generated, in chronological order, the same sequence on every call. */
  events(options?: { targetEvents?: number }): Generator<DemoEvent>;
  /** Expected number of events of `events()` without a target (used to scale to a target). */
  expectedEvents(): number;
  /**
   * Daily e-mail figures per person ('email.sent', 'email.read'), from EMAIL_HISTORY_WEEKS before `start` to
   * the last simulated day, only while employed; lazily generated, day by day, the same on every call.
   * `metrics` picks the figures (default both); either one is the same with or without the other.
   */
  usage(options?: { metrics?: readonly EmailMetric[] }): Generator<DemoUsage>;
  /** About how many rows `usage()` yields with these metrics (a progress bar's total). */
  expectedUsage(options?: { metrics?: readonly EmailMetric[] }): number;
}

const DEPARTMENT_NAMES = [
  'Management',
  'Marketing',
  'Sales',
  'Finance',
  'IT',
  'Human Resources',
  'Operations',
  'Logistics',
  'Customer Service',
  'Research & Development',
  'Procurement',
  'Legal',
];
const DIVISION_NAMES = ['Corporate Functions', 'Commercial', 'Operations', 'Technology'];
const LEGACY = [
  { externalId: 'lc-northwind', name: 'Northwind', locations: ['Hamburg', 'Berlin', 'Bremen'] },
  { externalId: 'lc-contoso', name: 'Contoso', locations: ['Munich', 'Vienna', 'Zurich'] },
];
/** Departments 2 and 5 (Marketing, IT) run the pilot. */
const PILOT_DEPARTMENT_INDEXES = [1, 4];
const PILOT_GROUP = 'cohort-pilot';

/**
 * Per-working-day rates by persona (before the volume scale). Reads are page views (a thread or channel
 * opened): an adopter looks at 8 to 28 a day. With most of the company not yet rolled out to, they keep
 * the default demo near the size it had before the pilot moved mid-way (about 255,000 events, 288,000
 * before: the launcher and the benches' defaults are sized by it), without making anyone write more.
 */
const RATES: Record<Persona, Partial<Record<ActivityType, number>>> = {
  champion: {
    post: 1.2,
    reply: 3,
    reaction: 2.5,
    mention: 1.5,
    share: 0.4,
    question: 0.2,
    answer: 0.8,
    read: 28,
  },
  creator: {
    post: 0.8,
    reply: 1.2,
    reaction: 1.5,
    mention: 0.4,
    share: 0.2,
    question: 0.15,
    answer: 0.3,
    read: 22,
  },
  contributor: {
    post: 0.05,
    reply: 0.25,
    reaction: 0.9,
    mention: 0.1,
    question: 0.05,
    answer: 0.05,
    read: 14,
  },
  lurker: { post: 0.001, reply: 0.004, reaction: 0.25, read: 8 },
};
const WEEKEND_FACTOR = 0.06;
/**
 * Who adopts, and when (shares of the head count). Pilot departments: 88% in all; a few found the network
 * before the kick-off on their own, the rest adopt along a fast S-curve centred PILOT_MIDPOINT_DAYS after it
 * (by the 6th week nearly all who will). Everyone else was not rolled out to: early adopters spread over the
 * pre-pilot weeks, a few more after the kick-off by word of mouth. With 2,000 people: about 290 pilot
 * adopters (25 of them early), 230 early adopters and 135 later ones elsewhere.
 */
const ADOPTION = {
  pilot: 0.88,
  pilotEarly: 0.08,
  restEarly: 0.14,
  restLater: 0.08,
} as const;
const PILOT_MIDPOINT_DAYS = 17;
const PILOT_SPREAD_DAYS = 5;
/** How many recent threads per group replies, reactions and reads can refer to. */
const RECENT_THREADS = 40;
export function generateDemoOrganisation(options: DemoOptions = {}): DemoOrganisation {
  const seed = options.seed ?? 42;
  const peopleCount = options.people ?? 2000;
  const departmentCount = options.departments ?? 12;
  if (!Number.isInteger(peopleCount) || peopleCount < departmentCount * 5) {
    throw new RangeError(
      `people must be a whole number of at least 5 per department (${departmentCount * 5})`,
    );
  }
  if (
    !Number.isInteger(departmentCount) ||
    departmentCount < 2 ||
    departmentCount > DEPARTMENT_NAMES.length
  ) {
    throw new RangeError(`departments must be between 2 and ${DEPARTMENT_NAMES.length}`);
  }
  const period = demoPeriod(options);
  const { start } = period;
  // The story (S-curves, joiners, leavers, communities) is planned over `days`; the history runs to
  // historyDays (the same, or up to 6 days more), with whoever is employed and active then still so.
  const days = period.plannedDays;
  const historyDays = period.days;

  const random = new SeededRandom(seed);
  const startMs = Date.parse(`${start}T00:00:00Z`);
  const dayToIso = (day: number) => isoDay(startMs + day * DAY_MS);

  // Structure: organisation -> divisions -> departments; legacy companies as a second hierarchy.
  const divisionCount = Math.min(DIVISION_NAMES.length, Math.max(2, Math.ceil(departmentCount / 3)));
  const orgUnits: DemoOrgUnit[] = [
    { externalId: 'org', name: 'Demo Company', kind: 'organisation', parentExternalId: null },
    ...LEGACY.map((l) => ({
      externalId: l.externalId,
      name: l.name,
      kind: 'legacy_company' as const,
      parentExternalId: null,
    })),
    ...DIVISION_NAMES.slice(0, divisionCount).map((name, i) => ({
      externalId: `div-${i + 1}`,
      name,
      kind: 'division' as const,
      parentExternalId: 'org',
    })),
  ];
  const departments = DEPARTMENT_NAMES.slice(0, departmentCount).map((name, i) => ({
    externalId: `dept-${String(i + 1).padStart(2, '0')}`,
    name,
    kind: 'department' as const,
    parentExternalId: `div-${(i % divisionCount) + 1}`,
    // Share of people from Northwind: some departments come mostly from one company.
    northwindShare: [0.9, 0.75, 0.15, 0.5, 0.6, 0.3, 0.85, 0.1, 0.45, 0.7, 0.25, 0.55][i],
  }));
  orgUnits.push(...departments.map(({ northwindShare: _share, ...unit }) => unit));

  // People: evenly spread (the first `remainder` departments get one more), a CEO, heads, team leads, staff.
  const plans: PersonPlan[] = [];
  let personNumber = 0;
  const nextId = () => `u${String(++personNumber).padStart(5, '0')}`;
  const ceoId = 'u00001';
  for (let d = 0; d < departmentCount; d++) {
    const size = Math.floor(peopleCount / departmentCount) + (d < peopleCount % departmentCount ? 1 : 0);
    const department = departments[d];
    const members: DemoPerson[] = [];
    const teamLeads: string[] = [];
    let headId = '';
    for (let i = 0; i < size; i++) {
      const externalId = nextId();
      const isCeo = externalId === ceoId;
      const isHead = !isCeo && (i === 0 || (d === 0 && i === 1));
      const isLead = !isCeo && !isHead && (i - 1) % 9 === 0;
      const level: DemoPerson['level'] = isCeo ? 1 : isHead ? 2 : isLead ? 3 : 4;
      if (isHead) headId = externalId;
      if (isLead) teamLeads.push(externalId);
      const legacy = random.chance(department.northwindShare) ? LEGACY[0] : LEGACY[1];
      // Most people were there before the period; about 4% join during it and 3% leave.
      const joinsDuring = level === 4 && random.chance(0.04);
      const leavesDuring = level === 4 && !joinsDuring && random.chance(0.03);
      const startDay = joinsDuring ? random.int(7, days - 21) : -random.int(30, 5000);
      const endDay = leavesDuring ? random.int(30, days - 7) : historyDays;
      members.push({
        externalId,
        orgUnitExternalId: department.externalId,
        legacyCompanyExternalId: legacy.externalId,
        managerExternalId: null,
        level,
        location: random.pick(legacy.locations),
        startDate: dayToIso(startDay),
        endDate: leavesDuring ? dayToIso(endDay) : null,
      });
      plans.push({
        person: members[members.length - 1],
        departmentIndex: d,
        startDay: Math.max(0, startDay),
        endDay,
        adoptionDay: null,
        stopDay: historyDays,
        persona: 'lurker',
        pilot: PILOT_DEPARTMENT_INDEXES.includes(d),
        groups: [],
      });
    }
    for (const member of members) {
      if (member.level === 1) continue;
      if (member.level === 2) member.managerExternalId = ceoId;
      else if (member.level === 3) member.managerExternalId = headId;
      else member.managerExternalId = teamLeads.length > 0 ? random.pick(teamLeads) : headId;
    }
  }

  // Adoption (see ADOPTION): one draw says whether and how a person adopts, one when.
  const kickoffDay = pilotKickoffDay(days);
  for (const plan of plans) {
    const how = random.next();
    const when = random.next();
    let day: number | null = null;
    if (plan.pilot && how < ADOPTION.pilotEarly) day = when * kickoffDay;
    else if (plan.pilot && how < ADOPTION.pilot)
      // The S-curve's left tail adopts on the kick-off day itself (the kick-off event).
      day = Math.max(kickoffDay, random.logistic(kickoffDay + PILOT_MIDPOINT_DAYS, PILOT_SPREAD_DAYS));
    else if (!plan.pilot && how < ADOPTION.restEarly) day = when * kickoffDay;
    else if (!plan.pilot && how < ADOPTION.restEarly + ADOPTION.restLater)
      day = kickoffDay + when * (days - kickoffDay);
    // A joiner adopts once employed; nobody adopts on their last day or the story's.
    if (day !== null) day = Math.max(plan.startDay, Math.floor(day));
    if (day !== null && day < plan.endDay - 1 && day < days - 1) plan.adoptionDay = day;
    const roll = random.next();
    plan.persona = roll < 0.03 ? 'creator' : roll < 0.15 ? 'contributor' : 'lurker';
  }
  const adopters = plans.filter((plan) => plan.adoptionDay !== null);
  // Tried and stopped: about 12% of adopters are active for one to three weeks, then silent.
  for (const plan of adopters) {
    if (plan.persona !== 'creator' && random.chance(0.12))
      plan.stopDay = (plan.adoptionDay ?? 0) + random.int(7, 21);
  }
  // Champions: the three earliest adopters of each pilot department.
  const champions = PILOT_DEPARTMENT_INDEXES.flatMap((d) =>
    adopters
      .filter((plan) => plan.departmentIndex === d && plan.person.level >= 3 && plan.stopDay === historyDays)
      .sort(
        (a, b) =>
          (a.adoptionDay ?? 0) - (b.adoptionDay ?? 0) ||
          a.person.externalId.localeCompare(b.person.externalId),
      )
      .slice(0, 3),
  );
  for (const plan of champions) plan.persona = 'champion';

  // Groups: a channel per department, company-wide communities, the pilot cohort.
  const everyone = plans.map((plan) => plan.person.externalId);
  const integration = plans.filter(() => random.chance(0.3)).map((plan) => plan.person.externalId);
  const groups: DemoGroup[] = [
    ...departments.map((department, d) => ({
      externalId: `ch-${department.externalId}`,
      name: `${department.name.toLowerCase().replace(/[^a-z]+/g, '-')}`,
      kind: 'channel' as const,
      memberExternalIds: plans
        .filter((plan) => plan.departmentIndex === d)
        .map((plan) => plan.person.externalId),
    })),
    { externalId: 'com-all', name: 'All company', kind: 'community', memberExternalIds: everyone },
    { externalId: 'com-ask-it', name: 'Ask IT', kind: 'community', memberExternalIds: everyone },
    {
      externalId: 'com-integration',
      name: 'Northwind + Contoso integration',
      kind: 'community',
      memberExternalIds: integration,
    },
    {
      externalId: PILOT_GROUP,
      name: 'Pilot: Marketing and IT',
      kind: 'cohort',
      memberExternalIds: plans.filter((plan) => plan.pilot).map((plan) => plan.person.externalId),
    },
  ];
  const integrationMembers = new Set(integration);
  for (const plan of plans) {
    plan.groups = [`ch-${departments[plan.departmentIndex].externalId}`, 'com-all', 'com-ask-it'];
    if (integrationMembers.has(plan.person.externalId)) plan.groups.push('com-integration');
  }

  const eventRandomSeed = random.fork().int(1, 2 ** 31 - 1);
  // The story communities draw from streams of their own, after everything above: the directory, the plans
  // and the company-wide events stay exactly what they were without them.
  const stories = planCommunityStories(plans, { days, startMs, departmentCount }, random.fork());
  groups.splice(groups.length - 1, 0, ...stories.groups);
  const storySeed = random.fork().int(1, 2 ** 31 - 1);
  // E-mail usage last of all, for the same reason: everything drawn before stays as it was.
  const usageSeed = random.fork().int(1, 2 ** 31 - 1);
  const mainEvents = () => expectedEventCount(adopters, historyDays, startMs);
  let storyEvents: number | undefined;
  // The stories do not scale (see community-stories.ts): counted once, by a dry run (a few percent of the work).
  const storyEventCount = () =>
    (storyEvents ??= countStoryEvents(new StorySimulation(stories.plan, storySeed), historyDays));
  const expectedEvents = () => mainEvents() + storyEventCount();

  return {
    name: 'Demo Company (Northwind + Contoso)',
    slug: 'demo',
    start,
    endDate: period.endDate,
    days: historyDays,
    orgUnits,
    people: plans.map((plan) => plan.person),
    groups,
    pilot: {
      departmentExternalIds: PILOT_DEPARTMENT_INDEXES.map((d) => departments[d].externalId),
      groupExternalId: PILOT_GROUP,
      kickoff: dayToIso(kickoffDay),
    },
    truth: {
      adoptionDay: new Map(adopters.map((plan) => [plan.person.externalId, plan.adoptionDay as number])),
      triedAndStopped: new Set(
        adopters.filter((plan) => plan.stopDay < historyDays).map((plan) => plan.person.externalId),
      ),
      personas: new Map(adopters.map((plan) => [plan.person.externalId, plan.persona])),
      champions: champions.map((plan) => plan.person.externalId),
      communities: stories.truth,
      emailEffect: { ...EMAIL_EFFECT, from: dayToIso(kickoffDay) },
    },
    expectedEvents,
    expectedUsage: (usageOptions = {}) =>
      expectedEmailUsageRows(plans, { startMs, days: historyDays, metrics: usageOptions.metrics }),
    usage: (usageOptions = {}) =>
      simulateEmailUsage(plans, {
        startMs,
        days: historyDays,
        seed: usageSeed,
        pilotStartDay: kickoffDay,
        metrics: usageOptions.metrics,
      }),
    events: (eventOptions = {}) => {
      // The company-wide events make up the target less the stories' fixed number.
      const scale = eventOptions.targetEvents
        ? Math.max(0, eventOptions.targetEvents - storyEventCount()) / Math.max(1, mainEvents())
        : 1;
      const story = new StorySimulation(stories.plan, storySeed);
      return simulateEvents(adopters, plans, {
        days,
        historyDays,
        startMs,
        scale,
        seed: eventRandomSeed,
        story,
      });
    },
  };
}

function expectedEventCount(adopters: PersonPlan[], days: number, startMs: number): number {
  let total = 0;
  for (const plan of adopters) {
    const perDay = Object.values(RATES[plan.persona]).reduce((sum, rate) => sum + (rate ?? 0), 0);
    for (let day = plan.adoptionDay ?? days; day < Math.min(plan.stopDay, plan.endDay, days); day++) {
      total += perDay * (isWeekend(startMs, day) ? WEEKEND_FACTOR : 1);
    }
    // joins, and the first look after them
    total += plan.groups.length + (plan.groups.length > 0 ? 1 : 0);
  }
  return total;
}

interface Slot {
  at: number;
  plan: PersonPlan;
  type: ActivityType;
  /** The read right after a person's first join: their first activity (a join alone is not activity). */
  firstLook?: boolean;
}

interface Thread {
  id: string;
  author: PersonPlan;
}

/** Day by day: draw each active person's actions, order them in time, then resolve threads and targets. */
function* simulateEvents(
  adopters: PersonPlan[],
  everyone: PersonPlan[],
  settings: {
    /** The planned days (conversation across departments grows over them). */
    days: number;
    /** The days emitted (the history). */
    historyDays: number;
    startMs: number;
    scale: number;
    seed: number;
    story: StorySimulation;
  },
): Generator<DemoEvent> {
  const random = new SeededRandom(settings.seed);
  const recent = new Map<string, Thread[]>();
  const byExternalId = new Map(everyone.map((plan) => [plan.person.externalId, plan]));
  const pilotChampions = adopters.filter((plan) => plan.persona === 'champion');

  for (let day = 0; day < settings.historyDays; day++) {
    const dayStart = settings.startMs + day * 86_400_000;
    const factor = (isWeekend(settings.startMs, day) ? WEEKEND_FACTOR : 1) * settings.scale;
    const slots: Slot[] = [];
    for (const plan of adopters) {
      if (!activeOn(plan, day)) continue;
      if (day === plan.adoptionDay) {
        let firstJoin = Number.POSITIVE_INFINITY;
        for (let g = 0; g < plan.groups.length; g++) {
          const at = workingTime(random, dayStart);
          firstJoin = Math.min(firstJoin, at);
          slots.push({ at, plan, type: 'join' });
        }
        // Who joins looks around: the adoption day is a day of activity, as it is for the KPIs (no random
        // draw, so the rest of the simulation is the same as without it).
        if (plan.groups.length > 0)
          slots.push({ at: firstJoin + 60_000, plan, type: 'read', firstLook: true });
      }
      for (const [type, rate] of Object.entries(RATES[plan.persona]) as [ActivityType, number][]) {
        const count = random.poisson(rate * factor);
        for (let i = 0; i < count; i++) slots.push({ at: workingTime(random, dayStart), plan, type });
      }
    }
    slots.sort((a, b) => a.at - b.at || a.plan.person.externalId.localeCompare(b.plan.person.externalId));

    let sequence = 0;
    const joinedToday = new Map<string, number>();
    // The day's story events, merged in by time (on a tie the company-wide event comes first).
    const stories = settings.story.eventsOn(day);
    let next = 0;
    for (const slot of slots) {
      while (next < stories.length && stories[next].occurredAt.getTime() < slot.at) yield stories[next++];
      // The first look has an id of its own, so every other event keeps the id it had before it existed.
      const externalId = slot.firstLook
        ? `ev-${day}-look-${slot.plan.person.externalId}`
        : `ev-${day}-${sequence++}`;
      yield resolveSlot(slot, externalId, {
        random,
        recent,
        byExternalId,
        pilotChampions,
        day,
        days: settings.days,
        joinedToday,
      });
    }
    while (next < stories.length) yield stories[next++];
  }
}

/** How many events the stories make over `days` (a dry run of the simulation, a day in memory at a time). */
function countStoryEvents(story: StorySimulation, days: number): number {
  let count = 0;
  for (let day = 0; day < days; day++) count += story.eventsOn(day).length;
  return count;
}

/** An event that starts a thread or belongs to none (post, question, share, join, read of a quiet channel). */
function outsideThreads(
  base: Pick<DemoEvent, 'externalId' | 'occurredAt' | 'actorExternalId' | 'type'>,
  group: string,
  contentLength: number | null,
): DemoEvent {
  return {
    ...base,
    groupExternalId: group,
    threadExternalId: null,
    targetActorExternalId: null,
    contentLength,
  };
}

function resolveSlot(
  slot: Slot,
  externalId: string,
  context: {
    random: SeededRandom;
    recent: Map<string, Thread[]>;
    byExternalId: Map<string, PersonPlan>;
    pilotChampions: PersonPlan[];
    day: number;
    days: number;
    joinedToday: Map<string, number>;
  },
): DemoEvent {
  const { random, recent, plan } = { ...context, plan: slot.plan };
  const base = {
    externalId,
    occurredAt: new Date(slot.at),
    actorExternalId: plan.person.externalId,
    type: slot.type,
  };
  if (slot.type === 'join') {
    const index = context.joinedToday.get(plan.person.externalId) ?? 0;
    context.joinedToday.set(plan.person.externalId, index + 1);
    return outsideThreads(base, plan.groups[index % plan.groups.length], null);
  }
  if (slot.firstLook) return outsideThreads(base, plan.groups[0], null);
  // Cross-department conversation grows over time, faster in the pilot.
  const progress = context.day / context.days;
  const communityShare = (plan.pilot ? 0.3 : 0.2) + progress * 0.25;
  const group = random.chance(communityShare) ? random.pick(plan.groups.slice(1)) : plan.groups[0];

  const threads = recent.get(group) ?? [];
  // Nothing to respond to yet in this group: the person starts a conversation instead (keeps counts exact).
  const type: ActivityType = threads.length === 0 && slot.type !== 'read' ? 'post' : slot.type;
  if (type === 'post' || type === 'question' || type === 'share') {
    threads.push({ id: externalId, author: plan });
    if (threads.length > RECENT_THREADS) threads.shift();
    recent.set(group, threads);
    return outsideThreads(
      { ...base, type },
      group,
      type === 'share' ? random.int(20, 200) : random.int(40, 900),
    );
  }
  // A read of a quiet channel.
  if (threads.length === 0) return outsideThreads(base, group, null);
  // Recent threads are likelier to get a response.
  const thread = threads[Math.max(0, threads.length - 1 - Math.floor(Math.abs(random.normal()) * 6))];
  if (thread.author === plan && type !== 'read') {
    // People do not react to themselves: they re-read their own thread.
    return {
      ...base,
      type: 'read',
      groupExternalId: group,
      threadExternalId: thread.id,
      targetActorExternalId: null,
      contentLength: null,
    };
  }

  if (type === 'mention') {
    // Champions pull others in; people mention champions and colleagues from anywhere in the company.
    const mentioned =
      plan.persona === 'champion'
        ? random.pick([...context.byExternalId.values()]).person.externalId
        : random.chance(0.3) && context.pilotChampions.length > 0
          ? random.pick(context.pilotChampions).person.externalId
          : thread.author.person.externalId;
    if (mentioned === plan.person.externalId) {
      // Nobody mentions themselves: that moment becomes a reaction to the thread.
      const target = thread.author.person.externalId;
      return {
        ...base,
        type: 'reaction',
        groupExternalId: group,
        threadExternalId: thread.id,
        targetActorExternalId: target,
        contentLength: null,
      };
    }
    return {
      ...base,
      groupExternalId: group,
      threadExternalId: thread.id,
      targetActorExternalId: mentioned,
      contentLength: random.int(10, 300),
    };
  }
  const contentLength = type === 'reply' || type === 'answer' ? random.int(5, 400) : null;
  return {
    ...base,
    groupExternalId: group,
    threadExternalId: thread.id,
    targetActorExternalId: type === 'read' ? null : thread.author.person.externalId,
    contentLength,
  };
}
