import type { AdoptionReport, GoalView, GroupView, OrgUnitView, RolloutPlanView } from '@uptake/contracts';
import { generateDemoOrganisation, type DemoOrganisation } from '@uptake/demo';
import { QUEUES, redisConnectionOptions } from '@uptake/queues';
import { Queue } from 'bullmq';
import { seedDemoBusinessCase, type DemoApi } from './demo-business-case';
import type { DemoSettings } from './demo-organisation';
import { sessionHeaders } from './session-headers';

const WAIT_MS = 180_000;
/** Weeks before the pilot start that the e-mail goal's baseline covers (the business case's default pre-period). */
const BASELINE_WEEKS = 8;
const DAY_MS = 86_400_000;
/** The default template's phases (libs/rollout): Pilot 12 weeks, Best cases 12, Full rollout 26. */
const PILOT_WEEKS = 12;
const PLAN_WEEKS = 12 + 12 + 26;

function plusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The dates of the demo's story, all derived from its history (see demoCalendar). */
export interface DemoCalendar {
  /** The pilot's kick-off (a Monday): the generator's `pilot.kickoff`, where its pilot adopts from. */
  pilotStart: string;
  /** The pilot's goals: due at the end of its 12 planned weeks (a Sunday), 6 weeks ahead of "today". */
  pilotGoalsDue: string;
  /** Half the company active every week: due 12 weeks into the full rollout (its 36th week). */
  weeklyActiveDue: string;
  /** 80% have tried it: due at the plan's planned end (its 50th week). */
  triedDue: string;
}

/**
 * The demo's story dated from the generator's kick-off (pilotKickoffDay: 6 whole weeks before the last
 * complete week, after a 20-week pre-pilot period of the 26-week history, see demoPeriod), so that whatever
 * day the demo ends on (yesterday, or DEMO_END_DATE) "today" stands where the story has it: the pilot
 * mid-way (its 6th of 12 weeks just complete), still the active phase with its gate evaluated on the last
 * complete week, the best cases chosen as the next phase, and every goal ahead. With
 * DEMO_END_DATE=2026-07-05 (what the e2e tests pin): kick-off 2026-05-25, pilot goals 2026-08-16, the
 * company's 2027-01-31 and 2027-05-09.
 */
export function demoCalendar(demo: Pick<DemoOrganisation, 'pilot'>): DemoCalendar {
  const kickoff = demo.pilot.kickoff;
  return {
    pilotStart: kickoff,
    pilotGoalsDue: plusDays(kickoff, 7 * PILOT_WEEKS - 1),
    weeklyActiveDue: plusDays(kickoff, 7 * 36 - 1),
    triedDue: plusDays(kickoff, 7 * PLAN_WEEKS - 1),
  };
}

/**
 * The pilot's e-mails sent per person per week in the BASELINE_WEEKS before its kick-off (inside the
 * history), straight from the generator (the demo connector loads the same figures): sent e-mails over the
 * person-weeks with any figure, as the emails_sent_per_person_per_week KPI counts them. The business case
 * freezes the measured baseline later; this only makes the goal's starting point plausible. Reads the
 * figures up to the kick-off only.
 */
export function pilotEmailsPerWeek(demo: DemoOrganisation): number {
  const kickoff = demo.pilot.kickoff;
  const startMs = Date.parse(`${kickoff}T00:00:00Z`);
  const from = new Date(startMs - 7 * BASELINE_WEEKS * DAY_MS).toISOString().slice(0, 10);
  const pilot = new Set(
    demo.groups.find((group) => group.externalId === demo.pilot.groupExternalId)?.memberExternalIds,
  );
  let sent = 0;
  const personWeeks = new Set<string>();
  for (const figure of demo.usage({ metrics: ['email.sent'] })) {
    if (figure.day >= kickoff) break;
    if (figure.day < from || !pilot.has(figure.personExternalId)) continue;
    sent += figure.value;
    const week = Math.floor((Date.parse(`${figure.day}T00:00:00Z`) - startMs) / (7 * DAY_MS));
    personWeeks.add(`${figure.personExternalId} ${week}`);
  }
  return personWeeks.size === 0 ? 0 : sent / personWeeks.size;
}

type Say = (message: string) => void;

/** JSON over the API as the signed-in demo admin; a non-2xx answer is an error naming the request. */
function client(baseUrl: string, organisationId: string, cookie: string) {
  const base = `${baseUrl}/api/organisations/${organisationId}`;
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...sessionHeaders(baseUrl, cookie),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

async function waitFor<T>(what: string, poll: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const value = await poll();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`timed out after ${WAIT_MS / 1000} s waiting for ${what}`);
}

/**
 * Gives the demo organisation what a real customer sets up in its first weeks, through the API like a user:
 * a rollout plan whose pilot is the demo's pilot cohort (started, gates evaluated by the worker), business
 * goals with a value model, and usage guidelines acknowledged by part of the staff. Skipped for anything
 * that already exists, so restarts keep the user's changes.
 */
export async function seedDemoRollout(
  baseUrl: string,
  organisationId: string,
  cookie: string,
  settings: DemoSettings,
  redisUrl: string,
  say: Say,
): Promise<void> {
  const api = client(baseUrl, organisationId, cookie);
  // The same company the demo source loaded (its stored settings), for its dates, pilot and people.
  const demo = generateDemoOrganisation(settings);
  const calendar = demoCalendar(demo);
  // The worker refreshes the rollups after the demo sync: KPIs (and gates) need them first.
  await waitFor('the KPI rollups of the demo data', async () => {
    const adoption = await api<AdoptionReport>('GET', '/kpis/adoption?granularity=month');
    return adoption.points.some((point) => (point.activated ?? 0) > 0) ? true : undefined;
  });

  const groups = await api<GroupView[]>('GET', '/groups');
  const pilot = groups.find((group) => group.name.startsWith('Pilot'));
  const units = await api<OrgUnitView[]>('GET', '/org-units');
  const department = (name: string) => units.find((unit) => unit.kind === 'department' && unit.name === name);
  const bestCases = [department('Sales'), department('Customer Service')].filter(
    (unit): unit is OrgUnitView => unit !== undefined,
  );

  if ((await api<GoalView[]>('GET', '/goals')).length === 0) {
    const timeSaved = {
      kind: 'time-saved',
      minutesPerActivePersonPerDay: 5,
      hourlyCost: 60,
      currency: 'EUR',
    };
    await api('POST', '/goals', {
      name: 'Half of the company active every week',
      kpi: 'weekly_active_rate',
      baseline: 0.05,
      target: 0.5,
      deadline: calendar.weeklyActiveDue,
      valueModel: timeSaved,
    });
    await api('POST', '/goals', {
      name: '80% of employees have tried it',
      kpi: 'adoption_rate',
      baseline: 0,
      target: 0.8,
      deadline: calendar.triedDue,
    });
    if (pilot) {
      await api('POST', '/goals', {
        name: 'Pilot questions answered within 4 hours',
        kpi: 'median_hours_to_first_response',
        unit: 'h',
        baseline: 24,
        target: 4,
        deadline: calendar.pilotGoalsDue,
        groupId: pilot.id,
        valueModel: timeSaved,
      });
      // The demo's pilot really sends 15% fewer e-mails from its kick-off (the generator's truth): a goal of 10%
      // fewer is reached, and the business case can show it against the comparison.
      const baseline = Math.round(pilotEmailsPerWeek(demo));
      await api('POST', '/goals', {
        name: 'Pilot sends fewer e-mails',
        kpi: 'emails_sent_per_person_per_week',
        unit: 'e-mails',
        baseline,
        target: Math.round(baseline * 0.9),
        deadline: calendar.pilotGoalsDue,
        groupId: pilot.id,
      });
    }
    say('demo business goals created');
  }

  const governance = await api<{ guidelines: unknown }>('GET', '/governance');
  if (!governance.guidelines) {
    await api('PUT', '/governance/guidelines', {
      version: '1.0',
      title: 'Working out loud: how we use our social network',
      publishedOn: calendar.pilotStart,
    });
    // About two thirds of the staff acknowledged the guidelines (every third person did not).
    const people = demo.people.filter((_, index) => index % 3 !== 0);
    await api('POST', '/governance/acknowledgements', {
      version: '1.0',
      people: people.map((person) => ({ person: person.externalId, acknowledgedOn: calendar.pilotStart })),
    });
    say('demo usage guidelines and acknowledgements imported');
  }

  const plans = await api<RolloutPlanView[]>('GET', '/rollouts');
  const plan =
    plans[0] ?? (await createDemoPlan(api, { pilot, bestCases, start: calendar.pilotStart }, redisUrl, say));
  // The measured business case of the pilot: cost, the e-mail goal's measurement and baseline, interventions.
  const pilotPhase = plan.phases.find((phase) => phase.position === 0);
  if (pilot && pilotPhase) {
    await seedDemoBusinessCase(
      api,
      {
        pilotGroupId: pilot.id,
        planId: plan.id,
        pilotPhaseId: pilotPhase.id,
        goals: await api<GoalView[]>('GET', '/goals'),
        people: settings.people,
      },
      say,
    );
  }
}

/** The demo's rollout plan: the pilot started on its kick-off, the best cases chosen, gates evaluated. */
async function createDemoPlan(
  api: DemoApi,
  story: { pilot: GroupView | undefined; bestCases: OrgUnitView[]; start: string },
  redisUrl: string,
  say: Say,
): Promise<RolloutPlanView> {
  const { pilot, bestCases } = story;
  const created = await api<RolloutPlanView>('POST', '/rollouts', {
    name: 'Demo rollout',
    template: 'default',
    startDate: story.start,
    ...(pilot ? { pilotTarget: { orgUnitIds: [], groupIds: [pilot.id], pseudonyms: [], rules: [] } } : {}),
  });
  const bestCasesPhase = created.phases.find((phase) => phase.name === 'Best cases');
  if (bestCasesPhase && bestCases.length > 0) {
    await api('PUT', `/rollouts/${created.id}/phases/${bestCasesPhase.id}`, {
      name: bestCasesPhase.name,
      target: { orgUnitIds: bestCases.map((unit) => unit.id), groupIds: [], pseudonyms: [], rules: [] },
    });
  }
  // Start the pilot, then wait until the worker has evaluated every change: the queue is empty and the
  // active phase has an evaluation, so what the dashboard shows first is settled.
  // Recorded now, started on the kick-off: the pilot phase begins where the demo's pilot really does.
  await api('POST', `/rollouts/${created.id}/advance`, { note: 'Pilot kick-off', startedOn: story.start });
  const queue = new Queue(QUEUES.rollouts, { connection: redisConnectionOptions(redisUrl) });
  try {
    await waitFor('the gate evaluations of the demo rollout', async () => {
      // Not 'delayed': the daily scheduler always has its next run waiting there.
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      if (Object.values(counts).some((count) => count > 0)) return undefined;
      const plan = await api<RolloutPlanView>('GET', `/rollouts/${created.id}`);
      return plan.phases.find((phase) => phase.status === 'active')?.latestEvaluation ?? undefined;
    });
  } finally {
    await queue.close();
  }
  say('demo rollout plan created and its gates evaluated');
  return created;
}
