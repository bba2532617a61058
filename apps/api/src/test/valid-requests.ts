/**
 * Requests that pass validation, per operation (`<method> <OpenAPI path>`): the access-control suite sends
 * them so that requests reach the resource lookup, the OpenAPI conformance suite so that they succeed.
 */

/** Valid bodies, so that requests reach the resource lookup (and do not stop at validation). */
export const VALID_BODIES: Record<string, object> = {
  'patch /api/organisations/{organisationId}/members/{userId}': { role: 'executive' },
  'patch /api/organisations/{organisationId}/sources/{sourceId}': { name: 'renamed' },
  'post /api/organisations/{organisationId}/members': { email: 'someone@else.test', role: 'executive' },
  'post /api/organisations/{organisationId}/sources': { name: 'new source', connectorType: 'csv' },
  'post /api/organisations/{organisationId}/api-tokens': { name: 'token', role: 'executive' },
  'post /api/organisations/{organisationId}/goals': {
    name: 'goal',
    kpi: 'adoption_rate',
    baseline: 0,
    target: 1,
  },
  'patch /api/organisations/{organisationId}/goals/{goalId}': { name: 'renamed goal' },
  'patch /api/auth/me': { locale: null },
  'patch /api/organisations/{organisationId}/settings': { name: 'renamed organisation' },
  'put /api/organisations/{organisationId}/sso': {
    issuer: 'https://login.example.com/realms/acme',
    clientId: 'uptake',
    clientSecret: 'client secret',
  },
  'post /api/organisations/{organisationId}/rollouts': { name: 'plan', startDate: '2026-01-05' },
  'patch /api/organisations/{organisationId}/rollouts/{planId}': { name: 'renamed plan' },
  'post /api/organisations/{organisationId}/rollouts/{planId}/phases': { name: 'phase' },
  'put /api/organisations/{organisationId}/rollouts/{planId}/phases/{phaseId}': { name: 'phase' },
  'post /api/organisations/{organisationId}/rollouts/{planId}/advance': {},
  'put /api/organisations/{organisationId}/governance/guidelines': {
    version: '1',
    title: 'Guidelines',
    publishedOn: '2026-01-05',
  },
  'post /api/organisations/{organisationId}/governance/acknowledgements': {
    version: '1',
    people: [{ person: 'ann@example.com' }],
  },
  'post /api/organisations/{organisationId}/sources/{sourceId}/events': {
    events: [
      { externalId: 'e1', occurredAt: '2026-11-02T09:00:00Z', actorId: 'ann@example.com', type: 'post' },
    ],
  },
  'post /api/organisations/{organisationId}/interventions': {
    day: '2026-03-16',
    kind: 'training',
    title: 'Working out loud training',
  },
  'put /api/organisations/{organisationId}/interventions/{interventionId}': {
    day: '2026-03-16',
    kind: 'communication',
    title: 'Launch mail',
  },
  // Ids of no plan: the conformance suite sends the tenant's own plan and phase instead.
  'put /api/organisations/{organisationId}/goals/{goalId}/measurement': {
    planId: '9d0e7c58-0b1a-4c3e-9f0a-0123456789ab',
    phaseId: '9d0e7c58-0b1a-4c3e-9f0a-0123456789ac',
    assumptions: {
      minutesPerUnit: 3,
      lowerIsBetter: true,
      people: 100,
      workingWeeksPerYear: 44,
      hourlyCost: 60,
      currency: 'EUR',
    },
  },
  'post /api/organisations/{organisationId}/goals/{goalId}/baseline': {
    from: '2026-03-02',
    to: '2026-03-29',
  },
  'put /api/organisations/{organisationId}/notifications/settings': {
    digest: { enabled: true, frequency: 'weekly', dayOfWeek: 1, time: '08:00' },
    quietHours: { start: '22:00', end: '07:00' },
  },
  'post /api/organisations/{organisationId}/notifications/alert-rules': {
    condition: { kind: 'gate_status_changed', planId: null },
    channels: ['email'],
  },
  'put /api/organisations/{organisationId}/notifications/alert-rules/{ruleId}': {
    name: 'Gates',
    condition: { kind: 'gate_status_changed', planId: null },
    channels: ['email'],
  },
  'put /api/organisations/{organisationId}/notifications/channels/{channel}': {
    webhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXXXXXX',
  },
  'put /api/organisations/{organisationId}/rollouts/{planId}/programme-cost': {
    licencePerSeatPerMonth: 4,
    seats: 100,
    months: 12,
    oneOffCosts: 15_000,
    trainingHours: 200,
    championHours: 200,
  },
};

/** Required query parameters, so that requests reach the resource lookup. */
export const VALID_QUERIES: Record<string, string> = {
  'post /api/organisations/{organisationId}/sources/{sourceId}/uploads': '?filename=activity.csv',
  'get /api/organisations/{organisationId}/interventions/{interventionId}/effect': '?metric=usage:email.sent',
  'get /api/organisations/{organisationId}/rollouts/{planId}/phases/{phaseId}/effects':
    '?metric=usage:email.sent',
};
