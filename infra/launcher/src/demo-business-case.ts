import type {
  BusinessCaseReport,
  GoalMeasurementRequest,
  GoalView,
  GroupView,
  InterventionRequest,
  InterventionView,
  ProgrammeCost,
  ProgrammeCostView,
} from '@uptake/contracts';

/** JSON over the API as the signed-in demo admin (demo-rollout's client): a non-2xx answer throws. */
export type DemoApi = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export interface DemoBusinessCaseOptions {
  pilotGroupId: string;
  planId: string;
  pilotPhaseId: string;
  /** The organisation's goals (GET /goals): the e-mail goal is found among them. */
  goals: readonly GoalView[];
  /** Head count of the demo company: the seats licensed and the people trained. */
  people: number;
}

/** The e-mail goal the demo measures (created by seedDemoRollout). */
export const DEMO_EMAIL_GOAL = 'Pilot sends fewer e-mails';
const DAY_MS = 86_400_000;

/**
 * The demo programme's cost: licences at 4 € a seat a month for everyone over 12 months, 15,000 € of
 * one-off costs (set-up, consultancy), two hours of training per person and 200 hours of champion time.
 */
export function demoProgrammeCost(people: number): ProgrammeCost {
  return {
    licencePerSeatPerMonth: 4,
    seats: people,
    months: 12,
    oneOffCosts: 15_000,
    trainingHours: 2 * people,
    championHours: 200,
  };
}

/**
 * How the demo measures its e-mail goal: the pilot phase against its comparison, e-mails sent (usage
 * report), 8 weeks before the start; one e-mail takes 3 minutes, fewer are the saving, valued for the
 * pilot's people over 44 working weeks at 60 € an hour.
 */
export function demoEmailMeasurement(
  planId: string,
  phaseId: string,
  pilotPeople: number,
): GoalMeasurementRequest {
  return {
    planId,
    phaseId,
    metric: 'usage:email.sent',
    comparison: 'phase',
    preWeeks: 8,
    assumptions: {
      minutesPerUnit: 3,
      lowerIsBetter: true,
      people: pilotPeople,
      workingWeeksPerYear: 44,
      hourlyCost: 60,
      currency: 'EUR',
    },
  };
}

function plusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The demo's interventions, dated from the pilot's start: a training for the pilot in its second week and
 * a leadership post for everyone in its sixth (weeks counted from 1, so days +7 and +35).
 */
export function demoInterventions(pilotStart: string, pilotGroupId: string): InterventionRequest[] {
  return [
    {
      day: plusDays(pilotStart, 7),
      kind: 'training',
      title: 'Working out loud training for the pilot',
      target: { orgUnitIds: [], groupIds: [pilotGroupId] },
    },
    {
      day: plusDays(pilotStart, 35),
      kind: 'leadership-post',
      title: 'The CEO shares the pilot’s first results',
      note: 'A post to everyone',
      target: { orgUnitIds: [], groupIds: [] },
    },
  ];
}

/**
 * Gives the demo plan its measured business case through the API, like a change manager would: the
 * programme's cost, a measurement of the e-mail goal by the pilot phase, its baseline frozen over the 8
 * weeks before the pilot, and two interventions. Each is set only when absent, so restarts keep the user's
 * changes. Call it after seedDemoRollout (the pilot must have started: its start dates the baseline and the
 * interventions).
 */
export async function seedDemoBusinessCase(
  api: DemoApi,
  options: DemoBusinessCaseOptions,
  say: (message: string) => void = () => undefined,
): Promise<void> {
  const costPath = `/rollouts/${options.planId}/programme-cost`;
  if ((await api<ProgrammeCostView>('GET', costPath)).cost === null) {
    await api('PUT', costPath, demoProgrammeCost(options.people));
    say('demo programme cost set');
  }

  const report = await api<BusinessCaseReport>('GET', `/business-case?planId=${options.planId}`);
  const goal = options.goals.find((candidate) => candidate.name === DEMO_EMAIL_GOAL);
  const measured = report.goals.find((candidate) => candidate.goalId === goal?.id);
  if (goal && measured && !measured.measurement) {
    const groups = await api<GroupView[]>('GET', '/groups');
    const pilotPeople = groups.find((group) => group.id === options.pilotGroupId)?.members ?? 0;
    await api(
      'PUT',
      `/goals/${goal.id}/measurement`,
      demoEmailMeasurement(options.planId, options.pilotPhaseId, pilotPeople),
    );
    say(`demo goal '${DEMO_EMAIL_GOAL}' measured by the pilot`);
  }
  if (goal && measured && !measured.baseline) {
    await api('POST', `/goals/${goal.id}/baseline`, {});
    say(`demo goal '${DEMO_EMAIL_GOAL}': baseline frozen`);
  }

  const pilotStart = report.plan?.startedOn;
  if (!pilotStart) return;
  const logged = new Set(
    (await api<InterventionView[]>('GET', '/interventions')).map((intervention) => intervention.title),
  );
  const missing = demoInterventions(pilotStart, options.pilotGroupId).filter(
    (intervention) => !logged.has(intervention.title),
  );
  for (const intervention of missing) await api('POST', '/interventions', intervention);
  if (missing.length > 0) say(`${missing.length} demo interventions logged`);
}
