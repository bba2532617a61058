import type {
  AlertRuleView,
  DeliveryView,
  NotificationSettings,
  WebhookChannelsView,
} from '@uptake/contracts';

/** Small hand-written API answers shared by the notifications page's specs. */
export const ORG = 'org-1';
export const BASE = `/api/organisations/${ORG}/notifications`;
export const PLAN_ID = '11111111-1111-4111-8111-111111111111';
export const SOURCE_ID = '22222222-2222-4222-8222-222222222222';

export const SETTINGS: NotificationSettings = {
  digest: { enabled: true, frequency: 'weekly', dayOfWeek: 1, time: '08:00' },
  quietHours: null,
  sections: ['executive'],
  email: 'exec@acme.test',
  locale: 'en',
  timeZone: 'Europe/Amsterdam',
  nextDigestAt: '2026-12-07T07:00:00.000Z',
};

export function rule(
  id: string,
  condition: AlertRuleView['condition'],
  extra: Partial<AlertRuleView> = {},
): AlertRuleView {
  return {
    id,
    name: null,
    condition,
    channels: ['email'],
    enabled: true,
    mutedUntil: null,
    lastFiredAt: null,
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    ...extra,
  };
}

export type KpiCondition = Extract<AlertRuleView['condition'], { kind: 'kpi_threshold' }>;

export const KPI_CONDITION: KpiCondition = {
  kind: 'kpi_threshold',
  kpi: 'adoption_rate',
  direction: 'below',
  value: 0.4,
  population: null,
};

export const KPI_RULE = rule('rule-kpi', KPI_CONDITION);

export const GATE_RULE = rule(
  'rule-gate',
  { kind: 'gate_status_changed', planId: PLAN_ID },
  { name: 'Pilot gate' },
);

export function delivery(id: string, extra: Partial<DeliveryView> = {}): DeliveryView {
  return {
    id,
    kind: 'alert',
    ruleId: 'rule-kpi',
    period: null,
    channel: 'email',
    recipient: 'exec@acme.test',
    subject: 'Adoption rate below 40%',
    status: 'sent',
    attempts: 1,
    lastError: null,
    createdAt: '2026-12-01T10:00:00.000Z',
    sentAt: '2026-12-01T10:00:02.000Z',
    heldUntil: null,
    ...extra,
  };
}

export const CHANNELS: WebhookChannelsView = {
  channels: [
    { kind: 'slack', configured: true, host: 'hooks.slack.com', updatedAt: '2026-11-30T12:00:00.000Z' },
    { kind: 'teams', configured: false, host: null, updatedAt: null },
  ],
};
