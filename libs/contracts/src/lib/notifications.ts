import { z } from 'zod';
import { got, instant, oneOf, text, uuid } from './fields';
import { listQueryShape } from './kpi-queries';
import { LOCALES } from './locale';
import type { Role } from './organisation';

/** Bounds of digests, alert rules, channels and the delivery log: every list a member controls has a cap. */
export const NOTIFICATION_LIMITS = {
  alertRulesPerMember: 50,
  ruleNameMaxLength: 100,
  webhookUrlMaxLength: 2_000,
  staleMultipleMax: 100,
  staleHoursMax: 24 * 365,
  /** Attempts of one delivery (the first included) before it is `failed`. */
  deliveryAttempts: 5,
  deliveriesPageMax: 200,
} as const;

/** How often a digest is sent. */
export const DIGEST_FREQUENCIES = ['weekly', 'daily'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/** The sections a digest can hold; a member gets the ones of their role (an admin all three). */
export const DIGEST_SECTIONS = ['executive', 'change_manager', 'connector_maintainer'] as const;
export type DigestSection = (typeof DIGEST_SECTIONS)[number];

const SECTIONS_BY_ROLE: Record<Role, readonly DigestSection[]> = {
  admin: DIGEST_SECTIONS,
  executive: ['executive'],
  change_manager: ['change_manager'],
  connector_maintainer: ['connector_maintainer'],
};

/** The digest sections a member of `role` receives (chosen by the role, not by the member). */
export function digestSectionsForRole(role: Role): readonly DigestSection[] {
  return SECTIONS_BY_ROLE[role];
}

/** What an alert rule watches. */
export const ALERT_KINDS = [
  'gate_status_changed',
  'source_stale',
  'source_failing',
  'kpi_threshold',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * The alert kinds a role may watch: the same split as its reading rights (gates and KPIs for the KPI
 * readers, sources for connector maintainers), so an alert never tells anyone what their role cannot read.
 */
const ALERT_KINDS_BY_ROLE: Record<Role, readonly AlertKind[]> = {
  admin: ALERT_KINDS,
  change_manager: ['gate_status_changed', 'kpi_threshold'],
  executive: ['gate_status_changed', 'kpi_threshold'],
  connector_maintainer: ['source_stale', 'source_failing'],
};

export function alertKindsForRole(role: Role): readonly AlertKind[] {
  return ALERT_KINDS_BY_ROLE[role];
}

/** Where an alert goes: the member's own e-mail, or the organisation's Slack / Teams webhook. */
export const NOTIFICATION_CHANNELS = ['email', 'slack', 'teams'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** The organisation-wide channels an admin configures (incoming webhooks). */
export const WEBHOOK_CHANNELS = ['slack', 'teams'] as const;
export type WebhookChannel = (typeof WEBHOOK_CHANNELS)[number];

/**
 * KPI headline figures a threshold alert can watch, each a share (0..1) of the last complete ISO week
 * (Monday–Sunday in the organisation's time zone), named and computed as the business goals and gate
 * criteria of the same name (KpiReports.weeklyGoalSeries, the first-post report's byWeek):
 * - `weekly_active_rate`: weekly active people / eligible people (adoption report);
 * - `adoption_rate`: eligible people active at least once / eligible people (adoption report);
 * - `contributor_share`: (creators + contributors) / eligible people (participation report);
 * - `first_post_answered_24h`: newcomers' first posts of the week answered within 24 hours (first-post report).
 * A withheld figure (below k) neither fires nor resets an alert.
 */
export const KPI_HEADLINES = [
  'weekly_active_rate',
  'adoption_rate',
  'contributor_share',
  'first_post_answered_24h',
] as const;
export type KpiHeadline = (typeof KPI_HEADLINES)[number];

export const THRESHOLD_DIRECTIONS = ['above', 'below'] as const;
export type ThresholdDirection = (typeof THRESHOLD_DIRECTIONS)[number];

/** Delivery states: `held` waits for the end of the member's quiet hours; `retrying` waits for a backoff. */
export const DELIVERY_STATUSES = ['queued', 'sent', 'retrying', 'failed', 'held'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_KINDS = ['digest', 'alert', 'test'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOCK_MESSAGE = 'must be a time HH:MM from 00:00 to 23:59';

/** A wall-clock time HH:MM in the organisation's time zone. */
export const clockTime = z
  .string({ error: CLOCK_MESSAGE })
  .superRefine((value, ctx) => {
    if (!CLOCK.test(value)) ctx.addIssue({ code: 'custom', message: `${CLOCK_MESSAGE} (got ${got(value)})` });
  })
  .meta({ example: '08:00' });

const bool = z.boolean({ error: 'must be true or false' });

const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: (issue) => `must be a whole number from ${min} to ${max} (got ${got(issue.input)})` })
    .int({ error: (issue) => `must be a whole number from ${min} to ${max} (got ${got(issue.input)})` })
    .min(min, { error: (issue) => `must be a whole number from ${min} to ${max} (got ${got(issue.input)})` })
    .max(max, { error: (issue) => `must be a whole number from ${min} to ${max} (got ${got(issue.input)})` });

export const DEFAULT_DIGEST = { enabled: true, frequency: 'weekly', dayOfWeek: 1, time: '08:00' } as const;

/** The schedule of a member's digest. */
export const digestScheduleSchema = z.strictObject({
  enabled: bool.default(DEFAULT_DIGEST.enabled),
  frequency: oneOf(DIGEST_FREQUENCIES).default(DEFAULT_DIGEST.frequency),
  dayOfWeek: wholeNumber(1, 7)
    .default(DEFAULT_DIGEST.dayOfWeek)
    .describe('ISO weekday, Monday = 1 … Sunday = 7; ignored when frequency is daily'),
  time: clockTime.default(DEFAULT_DIGEST.time).describe("Wall-clock time in the organisation's time zone"),
});
export type DigestScheduleInput = z.input<typeof digestScheduleSchema>;
export type DigestSchedule = z.output<typeof digestScheduleSchema>;

/** Hours in which alerts are held (sent when they end); digests are not affected. May wrap midnight. */
export const quietHoursSchema = z
  .strictObject({
    start: clockTime.describe('Start of the quiet hours, HH:MM in the organisation’s time zone'),
    end: clockTime.describe('End (exclusive); before start means the quiet hours wrap midnight'),
  })
  .refine((hours) => hours.start !== hours.end, { error: 'start and end must differ', path: ['end'] });
export type QuietHours = z.infer<typeof quietHoursSchema>;

/** PUT …/notifications/settings: the caller's digest schedule and quiet hours. */
export const notificationSettingsInputSchema = z.strictObject({
  digest: digestScheduleSchema.default(DEFAULT_DIGEST),
  quietHours: quietHoursSchema.nullable().default(null),
});
export type NotificationSettingsInput = z.input<typeof notificationSettingsInputSchema>;
export type NotificationSettingsInputParsed = z.output<typeof notificationSettingsInputSchema>;

/** GET/PUT …/notifications/settings: what the caller gets and when. */
export const notificationSettingsSchema = z.object({
  digest: z.object({
    enabled: z.boolean(),
    frequency: z.enum(DIGEST_FREQUENCIES),
    dayOfWeek: z.number().int(),
    time: z.string(),
  }),
  quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  sections: z.array(z.enum(DIGEST_SECTIONS)).describe('What the digest holds: chosen by the member’s role'),
  email: z.string().describe('Where digests and e-mail alerts go (the account’s address)'),
  locale: z.enum(LOCALES).describe('Language of digests and alerts: the account’s, else the organisation’s'),
  timeZone: z.string().describe('The organisation’s time zone, which `time` and quiet hours are in'),
  nextDigestAt: instant.nullable().describe('When the next digest is due (null when disabled)'),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/** One plan or source by id, or null for all of them. */
const oneOrAll = uuid().nullable().default(null);

/** What an alert rule watches; `kind` picks the shape. */
export const alertConditionSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('gate_status_changed'),
      planId: oneOrAll.describe('Only this rollout plan; null = every plan'),
    }),
    z.strictObject({
      kind: z.literal('source_stale'),
      sourceId: oneOrAll.describe('Only this data source; null = every enabled source'),
      scheduleMultiple: wholeNumber(1, NOTIFICATION_LIMITS.staleMultipleMax)
        .default(3)
        .describe('Stale when no sync succeeded within this many schedule intervals'),
      unscheduledHours: wholeNumber(1, NOTIFICATION_LIMITS.staleHoursMax)
        .default(48)
        .describe('For a source without a schedule: stale after this many hours without a successful sync'),
    }),
    z.strictObject({
      kind: z.literal('source_failing'),
      sourceId: oneOrAll.describe('Only this data source; null = every enabled source'),
    }),
    z.strictObject({
      kind: z.literal('kpi_threshold'),
      kpi: oneOf(KPI_HEADLINES),
      direction: oneOf(THRESHOLD_DIRECTIONS).describe('Fire when the figure goes above / below `value`'),
      value: z
        .number({ error: 'must be a number from 0 to 1' })
        .min(0, { error: 'must be a number from 0 to 1' })
        .max(1, { error: 'must be a number from 0 to 1' })
        .meta({ example: 0.4 })
        .describe('A share, 0..1'),
      population: z
        .strictObject({
          orgUnitId: uuid().nullable().default(null),
          groupId: uuid().nullable().default(null),
        })
        .nullable()
        .default(null)
        .describe('Whose figure: an org unit (and below) or a group; null = the whole organisation'),
    }),
  ],
  { error: `kind must be one of ${ALERT_KINDS.join(', ')}` },
);
export type AlertConditionInput = z.input<typeof alertConditionSchema>;
export type AlertCondition = z.output<typeof alertConditionSchema>;

/** POST / PUT …/notifications/alert-rules[/:ruleId]. */
export const alertRuleInputSchema = z.strictObject({
  name: text({ min: 1, max: NOTIFICATION_LIMITS.ruleNameMaxLength })
    .trim()
    .nullable()
    .default(null)
    .meta({ example: 'Pilot adoption below 40%' }),
  condition: alertConditionSchema,
  channels: z
    .array(oneOf(NOTIFICATION_CHANNELS))
    .min(1, { error: 'must name at least one channel' })
    .max(NOTIFICATION_CHANNELS.length, {
      error: `must have at most ${NOTIFICATION_CHANNELS.length} channels`,
    })
    .refine((channels) => new Set(channels).size === channels.length, { error: 'must not repeat a channel' })
    .describe('email: to the member; slack / teams: the organisation’s webhooks (an admin sets them)'),
  enabled: bool.default(true),
  mutedUntil: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2026-12-24T18:00:00Z' })
    .nullable()
    .default(null)
    .describe('No alerts of this rule before this instant (they are dropped, not held)'),
});
export type AlertRuleInput = z.input<typeof alertRuleInputSchema>;
export type AlertRuleInputParsed = z.output<typeof alertRuleInputSchema>;

const conditionView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('gate_status_changed'), planId: z.string().nullable() }),
  z.object({
    kind: z.literal('source_stale'),
    sourceId: z.string().nullable(),
    scheduleMultiple: z.number(),
    unscheduledHours: z.number(),
  }),
  z.object({ kind: z.literal('source_failing'), sourceId: z.string().nullable() }),
  z.object({
    kind: z.literal('kpi_threshold'),
    kpi: z.enum(KPI_HEADLINES),
    direction: z.enum(THRESHOLD_DIRECTIONS),
    value: z.number(),
    population: z.object({ orgUnitId: z.string().nullable(), groupId: z.string().nullable() }).nullable(),
  }),
]);

export const alertRuleSchema = z.object({
  id: uuid(),
  name: z.string().nullable(),
  condition: conditionView,
  channels: z.array(z.enum(NOTIFICATION_CHANNELS)),
  enabled: z.boolean(),
  mutedUntil: instant.nullable(),
  lastFiredAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
});
export type AlertRuleView = z.infer<typeof alertRuleSchema>;

/** Hosts where an http:// webhook is accepted (a receiver on the same machine: development and tests). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

declare const URL: new (input: string) => { protocol: string; hostname: string; username: string };

/** Why a webhook URL is refused, or null: https only (it carries its own secret), http only on loopback. */
export function webhookUrlProblem(value: string): string | null {
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(value);
  } catch {
    return `must be a URL like https://hooks.slack.com/services/… (got ${got(value)})`;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)))
    return 'must be an https:// URL (http:// only for localhost)';
  if (url.username) return 'must not contain credentials';
  return null;
}

/** PUT …/notifications/channels/:kind. */
export const webhookChannelInputSchema = z.strictObject({
  webhookUrl: text({ min: 1, max: NOTIFICATION_LIMITS.webhookUrlMaxLength })
    .trim()
    .superRefine((value, ctx) => {
      const problem = webhookUrlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
    })
    .meta({ format: 'uri', writeOnly: true, example: 'https://hooks.slack.com/services/T000/B000/XXXX' })
    .describe('Incoming-webhook URL; write-only: stored encrypted (UPTAKE_SECRET_KEY), never returned'),
});
export type WebhookChannelInput = z.infer<typeof webhookChannelInputSchema>;

/** A channel as GET shows it: whether it is set and the host it posts to, never the URL (it is the secret). */
export const webhookChannelSchema = z.object({
  kind: z.enum(WEBHOOK_CHANNELS),
  configured: z.boolean(),
  host: z.string().nullable().meta({ example: 'hooks.slack.com' }),
  updatedAt: instant.nullable(),
});
export type WebhookChannelView = z.infer<typeof webhookChannelSchema>;

export const webhookChannelsSchema = z.object({ channels: z.array(webhookChannelSchema) });
export type WebhookChannelsView = z.infer<typeof webhookChannelsSchema>;

/** POST …/notifications/channels/:kind/test: sent at once (not queued), the answer says how it went. */
export const channelTestResultSchema = z.object({
  ok: z.boolean(),
  httpStatus: z.number().nullable().describe('The receiver’s HTTP status; null when it was not reached'),
  error: z.string().nullable(),
  deliveryId: z.string().describe('The row in the delivery log'),
});
export type ChannelTestResult = z.infer<typeof channelTestResultSchema>;

/** A row of the delivery log. */
export const deliverySchema = z.object({
  id: z.string().describe('Sequence number; pass as `before` to page on'),
  kind: z.enum(DELIVERY_KINDS),
  ruleId: uuid().nullable().describe('The alert rule (alerts)'),
  period: z.string().nullable().describe('The digest period, e.g. 2026-W49 or 2026-12-01 (digests)'),
  channel: z.enum(NOTIFICATION_CHANNELS),
  recipient: z.string().describe('The member’s e-mail, or slack / teams for a channel'),
  subject: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: instant,
  sentAt: instant.nullable(),
  heldUntil: instant.nullable().describe('For held alerts: the end of the quiet hours'),
});
export type DeliveryView = z.infer<typeof deliverySchema>;

/** GET …/notifications/deliveries: admins see all, others their own. Newest first. */
export const deliveriesQuerySchema = z.strictObject({
  ...listQueryShape,
  status: oneOf(DELIVERY_STATUSES).optional(),
  kind: oneOf(DELIVERY_KINDS).optional(),
});
export type DeliveriesQuery = z.infer<typeof deliveriesQuerySchema>;

/** POST …/notifications/digest/preview: the caller's digest rendered now, not sent. */
export const digestPreviewSchema = z.object({
  subject: z.string(),
  html: z.string().describe('As e-mailed: charts referenced as cid:<id>'),
  text: z.string(),
  sections: z.array(z.enum(DIGEST_SECTIONS)),
  locale: z.enum(LOCALES),
  images: z
    .array(z.object({ cid: z.string(), contentType: z.literal('image/png'), dataUri: z.string() }))
    .describe('The inline charts; replace cid:<cid> with dataUri to show the HTML in a page'),
  dashboardUrl: z.string(),
});
export type DigestPreview = z.infer<typeof digestPreviewSchema>;
