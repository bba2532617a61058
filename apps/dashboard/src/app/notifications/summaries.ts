import type {
  AlertKind,
  AlertRuleView,
  DeliveryKind,
  DeliveryStatus,
  DigestSection,
  KpiHeadline,
  NotificationChannel,
  NotificationSettings,
  QuietHours,
  ThresholdDirection,
} from '@uptake/contracts';
import { formatCount, formatInstantDay, formatShare } from '../shared/format';

/*
 * How the notifications page says things in words, in the page's language. Functions, not constants: a
 * translated text is looked up when asked for, so it follows translations loaded after this module.
 */

export type AlertCondition = AlertRuleView['condition'];

/** Names the page can put on the ids a condition holds (plans and sources it loaded). */
export interface ConditionNames {
  plans: ReadonlyMap<string, string>;
  sources: ReadonlyMap<string, string>;
}

export const NO_NAMES: ConditionNames = { plans: new Map(), sources: new Map() };

export function alertKindName(kind: AlertKind): string {
  switch (kind) {
    case 'gate_status_changed':
      return $localize`:@@notifications.kind.gateStatusChanged:Gate status changed`;
    case 'source_stale':
      return $localize`:@@notifications.kind.sourceStale:Source stale`;
    case 'source_failing':
      return $localize`:@@notifications.kind.sourceFailing:Source failing`;
    case 'kpi_threshold':
      return $localize`:@@notifications.kind.kpiThreshold:KPI threshold`;
  }
}

export function kpiName(kpi: KpiHeadline): string {
  switch (kpi) {
    case 'weekly_active_rate':
      return $localize`:@@notifications.kpi.weeklyActiveRate:weekly active rate`;
    case 'adoption_rate':
      return $localize`:@@notifications.kpi.adoptionRate:adoption rate`;
    case 'contributor_share':
      return $localize`:@@notifications.kpi.contributorShare:contributor share`;
    case 'first_post_answered_24h':
      return $localize`:@@notifications.kpi.firstPostAnswered24h:share of first posts answered within 24 hours`;
  }
}

export function directionName(direction: ThresholdDirection): string {
  return direction === 'above'
    ? $localize`:@@notifications.direction.above:above`
    : $localize`:@@notifications.direction.below:below`;
}

export function channelName(channel: NotificationChannel): string {
  switch (channel) {
    case 'email':
      return $localize`:@@notifications.channel.email:E-mail`;
    case 'slack':
      return 'Slack';
    case 'teams':
      return 'Teams';
  }
}

/** "E-mail, Slack": in the order the API keeps them. */
export function channelsSummary(channels: readonly NotificationChannel[]): string {
  return channels.map(channelName).join(', ');
}

/** A plan or source by its name when the page knows it, else by the start of its id (it may be gone). */
function named(names: ReadonlyMap<string, string>, id: string): string {
  return names.get(id) ?? `${id.slice(0, 8)}…`;
}

/** What an alert rule watches, as a sentence: "When the adoption rate goes below 40%". */
export function conditionSummary(condition: AlertCondition, names: ConditionNames = NO_NAMES): string {
  switch (condition.kind) {
    case 'gate_status_changed':
      return condition.planId
        ? $localize`:@@notifications.summary.gate.plan:When a gate of ${named(names.plans, condition.planId)}:plan: changes status`
        : $localize`:@@notifications.summary.gate.any:When a gate of any rollout plan changes status`;
    case 'source_stale': {
      const multiple = formatCount(condition.scheduleMultiple);
      const hours = formatCount(condition.unscheduledHours);
      return condition.sourceId
        ? $localize`:@@notifications.summary.stale.source:When ${named(names.sources, condition.sourceId)}:source: has had no successful sync for ${multiple}:multiple:× its schedule interval (${hours}:hours: hours without a schedule)`
        : $localize`:@@notifications.summary.stale.any:When any enabled source has had no successful sync for ${multiple}:multiple:× its schedule interval (${hours}:hours: hours without a schedule)`;
    }
    case 'source_failing':
      return condition.sourceId
        ? $localize`:@@notifications.summary.failing.source:When a sync of ${named(names.sources, condition.sourceId)}:source: fails`
        : $localize`:@@notifications.summary.failing.any:When a sync of any enabled source fails`;
    case 'kpi_threshold': {
      const sentence =
        condition.direction === 'above'
          ? $localize`:@@notifications.summary.kpi.above:When the ${kpiName(condition.kpi)}:kpi: goes above ${formatShare(condition.value)}:value:`
          : $localize`:@@notifications.summary.kpi.below:When the ${kpiName(condition.kpi)}:kpi: goes below ${formatShare(condition.value)}:value:`;
      return `${sentence}${populationSuffix(condition.population)}`;
    }
  }
}

/** Whose figure a threshold watches: the whole organisation unless the rule names a unit or a group. */
function populationSuffix(population: { orgUnitId: string | null; groupId: string | null } | null): string {
  if (population?.orgUnitId) return $localize`:@@notifications.summary.kpi.orgUnit: (in one org unit)`;
  if (population?.groupId) return $localize`:@@notifications.summary.kpi.group: (in one group)`;
  return '';
}

/** ISO weekday 1 (Monday) … 7 (Sunday). */
export function weekdayName(day: number): string {
  switch (day) {
    case 1:
      return $localize`:@@notifications.weekday.1:Monday`;
    case 2:
      return $localize`:@@notifications.weekday.2:Tuesday`;
    case 3:
      return $localize`:@@notifications.weekday.3:Wednesday`;
    case 4:
      return $localize`:@@notifications.weekday.4:Thursday`;
    case 5:
      return $localize`:@@notifications.weekday.5:Friday`;
    case 6:
      return $localize`:@@notifications.weekday.6:Saturday`;
    default:
      return $localize`:@@notifications.weekday.7:Sunday`;
  }
}

export const WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5, 6, 7];

/** "Weekly on Monday at 08:00 (Europe/Amsterdam)", "Daily at 07:30 (UTC)", or "Off". */
export function scheduleSummary(digest: NotificationSettings['digest'], timeZone: string): string {
  if (!digest.enabled) return $localize`:@@notifications.schedule.off:Off: no digest is sent`;
  return digest.frequency === 'daily'
    ? $localize`:@@notifications.schedule.daily:Daily at ${digest.time}:time: (${timeZone}:timeZone:)`
    : $localize`:@@notifications.schedule.weekly:Weekly on ${weekdayName(digest.dayOfWeek)}:day: at ${digest.time}:time: (${timeZone}:timeZone:)`;
}

/** "22:00 to 07:00 (Europe/Amsterdam)", or "none". */
export function quietHoursSummary(quietHours: QuietHours | null, timeZone: string): string {
  return quietHours
    ? $localize`:@@notifications.quietHours.summary:${quietHours.start}:start: to ${quietHours.end}:end: (${timeZone}:timeZone:)`
    : $localize`:@@notifications.quietHours.none:none`;
}

export function sectionName(section: DigestSection): string {
  switch (section) {
    case 'executive':
      return $localize`:@@notifications.section.executive:Adoption and goals: weekly active share, business goals, rollout gates`;
    case 'change_manager':
      return $localize`:@@notifications.section.changeManager:Rollout and communities: gate changes, criteria at risk, unanswered first posts, communities`;
    case 'connector_maintainer':
      return $localize`:@@notifications.section.connectorMaintainer:Data sources: failed runs, stale sources, quarantine spikes`;
  }
}

/**
 * An instant as a day and a wall-clock time in a time zone: "1 Dec 2026, 08:00". The day is formatted in the
 * page's language (shared/format); the time is HH:MM, written alike in English and Dutch.
 */
export function formatInstantIn(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const day = formatInstantDay(instant, timeZone);
  const time = `${part('hour')}:${part('minute')}`;
  return $localize`:@@notifications.instant:${day}:day:, ${time}:time:`;
}

/** Whether a rule is muted now, and until when: "until unmuted" (switched off) or until an instant. */
export function muteSummary(rule: AlertRuleView, timeZone: string, now: Date): string | null {
  if (!rule.enabled) return $localize`:@@notifications.mute.untilUnmuted:Muted until unmuted`;
  if (rule.mutedUntil && Date.parse(rule.mutedUntil) > now.getTime())
    return $localize`:@@notifications.mute.until:Muted until ${formatInstantIn(rule.mutedUntil, timeZone)}:until:`;
  return null;
}

export function deliveryStatusName(status: DeliveryStatus): string {
  switch (status) {
    case 'queued':
      return $localize`:@@notifications.status.queued:queued`;
    case 'sent':
      return $localize`:@@notifications.status.sent:sent`;
    case 'retrying':
      return $localize`:@@notifications.status.retrying:retrying`;
    case 'failed':
      return $localize`:@@notifications.status.failed:failed`;
    case 'held':
      return $localize`:@@notifications.status.held:held (quiet hours)`;
  }
}

/** The badge colour of a delivery's status (styles.css `.badge.tone-…`); queued stays neutral. */
export function deliveryStatusTone(status: DeliveryStatus): string {
  switch (status) {
    case 'sent':
      return 'tone-good';
    case 'retrying':
      return 'tone-warn';
    case 'failed':
      return 'tone-bad';
    case 'held':
      return 'tone-info';
    case 'queued':
      return '';
  }
}

export function deliveryKindName(kind: DeliveryKind): string {
  switch (kind) {
    case 'digest':
      return $localize`:@@notifications.deliveryKind.digest:digest`;
    case 'alert':
      return $localize`:@@notifications.deliveryKind.alert:alert`;
    case 'test':
      return $localize`:@@notifications.deliveryKind.test:test`;
  }
}
