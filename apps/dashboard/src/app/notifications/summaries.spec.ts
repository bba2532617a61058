import { inDutch } from '../../locale/testing';
import { NL_NOTIFICATIONS } from '../../locale/nl/notifications';
import { loadTranslations } from '@angular/localize';
import { GATE_RULE, KPI_CONDITION, KPI_RULE, PLAN_ID, rule, SOURCE_ID } from './fixtures';
import {
  channelsSummary,
  conditionSummary,
  deliveryStatusTone,
  formatInstantIn,
  muteSummary,
  quietHoursSummary,
  scheduleSummary,
} from './summaries';

const NAMES = {
  plans: new Map([[PLAN_ID, 'Viva Engage pilot']]),
  sources: new Map([[SOURCE_ID, 'Slack export']]),
};
const NOW = new Date('2026-12-01T12:00:00Z');

describe('conditionSummary', () => {
  it('says what each kind watches, naming the plan or source it knows', () => {
    expect(conditionSummary(GATE_RULE.condition, NAMES)).toBe(
      'When a gate of Viva Engage pilot changes status',
    );
    expect(conditionSummary({ kind: 'gate_status_changed', planId: null })).toBe(
      'When a gate of any rollout plan changes status',
    );
    expect(
      conditionSummary(
        { kind: 'source_stale', sourceId: SOURCE_ID, scheduleMultiple: 3, unscheduledHours: 1200 },
        NAMES,
      ),
    ).toBe(
      'When Slack export has had no successful sync for 3× its schedule interval (1,200 hours without a schedule)',
    );
    expect(conditionSummary({ kind: 'source_failing', sourceId: null })).toBe(
      'When a sync of any enabled source fails',
    );
    expect(conditionSummary(KPI_RULE.condition)).toBe('When the adoption rate goes below 40%');
    expect(
      conditionSummary({
        kind: 'kpi_threshold',
        kpi: 'first_post_answered_24h',
        direction: 'above',
        value: 0.625,
        population: { orgUnitId: 'u', groupId: null },
      }),
    ).toBe('When the share of first posts answered within 24 hours goes above 62.5% (in one org unit)');
  });

  it('names a plan or source it does not know (deleted, or not readable) by the start of its id', () => {
    expect(conditionSummary({ kind: 'source_failing', sourceId: SOURCE_ID })).toBe(
      'When a sync of 22222222… fails',
    );
  });
});

describe('scheduleSummary and quietHoursSummary', () => {
  it('reads the schedule in the organisation time zone', () => {
    const weekly = { enabled: true, frequency: 'weekly' as const, dayOfWeek: 5, time: '07:30' };
    expect(scheduleSummary(weekly, 'Europe/Amsterdam')).toBe('Weekly on Friday at 07:30 (Europe/Amsterdam)');
    expect(scheduleSummary({ ...weekly, frequency: 'daily' }, 'UTC')).toBe('Daily at 07:30 (UTC)');
    expect(scheduleSummary({ ...weekly, enabled: false }, 'UTC')).toBe('Off: no digest is sent');
  });

  it('reads quiet hours, which may wrap midnight', () => {
    expect(quietHoursSummary({ start: '22:00', end: '07:00' }, 'UTC')).toBe('22:00 to 07:00 (UTC)');
    expect(quietHoursSummary(null, 'UTC')).toBe('none');
  });
});

describe('formatInstantIn and muteSummary', () => {
  it('shows the day and time in the given zone, not the browser’s', () => {
    // 23:30 UTC is already the next day in Amsterdam (UTC+1 in December)
    expect(formatInstantIn('2026-12-01T23:30:00Z', 'Europe/Amsterdam')).toBe('2 Dec 2026, 00:30');
    expect(formatInstantIn('2026-12-01T23:30:00Z', 'UTC')).toBe('1 Dec 2026, 23:30');
  });

  it('says a rule is muted until an instant, until unmuted, or not at all', () => {
    expect(
      muteSummary(rule('r', KPI_RULE.condition, { mutedUntil: '2026-12-02T12:00:00Z' }), 'UTC', NOW),
    ).toBe('Muted until 2 Dec 2026, 12:00');
    expect(muteSummary(rule('r', KPI_RULE.condition, { enabled: false }), 'UTC', NOW)).toBe(
      'Muted until unmuted',
    );
    // a mute that has ended is no mute
    expect(
      muteSummary(rule('r', KPI_RULE.condition, { mutedUntil: '2026-12-01T11:59:59Z' }), 'UTC', NOW),
    ).toBeNull();
    expect(muteSummary(KPI_RULE, 'UTC', NOW)).toBeNull();
  });
});

describe('channelsSummary and deliveryStatusTone', () => {
  it('names channels and colours statuses', () => {
    expect(channelsSummary(['email', 'teams'])).toBe('E-mail, Teams');
    expect(deliveryStatusTone('sent')).toBe('tone-good');
    expect(deliveryStatusTone('failed')).toBe('tone-bad');
    expect(deliveryStatusTone('retrying')).toBe('tone-warn');
    expect(deliveryStatusTone('queued')).toBe('');
  });
});

describe('summaries in Dutch', () => {
  inDutch();
  beforeAll(() => loadTranslations(NL_NOTIFICATIONS));

  it('reads conditions and schedules in Dutch, with Dutch number formats', () => {
    expect(conditionSummary({ ...KPI_CONDITION, value: 0.425 })).toBe(
      'Als de KPI ‘adoptiegraad’ onder 42,5% komt',
    );
    expect(
      scheduleSummary(
        { enabled: true, frequency: 'weekly', dayOfWeek: 1, time: '08:00' },
        'Europe/Amsterdam',
      ),
    ).toBe('Wekelijks op maandag om 08:00 (Europe/Amsterdam)');
    expect(formatInstantIn('2026-12-01T23:30:00Z', 'Europe/Amsterdam')).toBe('2 dec 2026, 00:30');
  });
});
