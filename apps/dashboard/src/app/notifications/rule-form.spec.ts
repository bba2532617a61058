import { HttpErrorResponse } from '@angular/common/http';
import { GATE_RULE, KPI_CONDITION, KPI_RULE, PLAN_ID, rule, SOURCE_ID } from './fixtures';
import {
  canAddRule,
  draftErrors,
  draftOfRule,
  emptyRuleDraft,
  mutedRule,
  ruleBody,
  ruleErrors,
  toggleChannel,
} from './rule-form';

const NOW = new Date('2026-12-01T12:00:00.000Z');

describe('ruleBody', () => {
  it('sends a KPI threshold typed in percent as a share, and an empty name as none', () => {
    const draft = {
      ...emptyRuleDraft('kpi_threshold'),
      kpi: 'contributor_share' as const,
      valuePercent: ' 33.3 ',
    };
    expect(ruleBody({ ...draft, direction: 'above' })).toEqual({
      name: null,
      condition: {
        kind: 'kpi_threshold',
        kpi: 'contributor_share',
        direction: 'above',
        value: 0.333,
        population: null,
      },
      channels: ['email'],
      enabled: true,
      mutedUntil: null,
    });
  });

  it('sends "every plan / source" as null and the stale multiples as numbers', () => {
    expect(ruleBody({ ...emptyRuleDraft('gate_status_changed'), name: '  Pilot  ' })).toMatchObject({
      name: 'Pilot',
      condition: { kind: 'gate_status_changed', planId: null },
    });
    const stale = { ...emptyRuleDraft('source_stale'), sourceId: SOURCE_ID, scheduleMultiple: '5' };
    expect(ruleBody(stale).condition).toEqual({
      kind: 'source_stale',
      sourceId: SOURCE_ID,
      scheduleMultiple: 5,
      unscheduledHours: 48,
    });
    expect(ruleBody(emptyRuleDraft('source_failing')).condition).toEqual({
      kind: 'source_failing',
      sourceId: null,
    });
  });

  it('sends text that is no number as typed, so the API names the field and the value', () => {
    const stale = { ...emptyRuleDraft('source_stale'), scheduleMultiple: 'three' };
    expect(ruleBody(stale).condition).toMatchObject({ scheduleMultiple: 'three' });
  });

  it('round-trips a saved rule through the form', () => {
    expect(ruleBody(draftOfRule(KPI_RULE))).toEqual({
      name: null,
      condition: KPI_RULE.condition,
      channels: ['email'],
      enabled: true,
      mutedUntil: null,
    });
    const gate = draftOfRule({ ...GATE_RULE, channels: ['email', 'slack'] });
    expect(gate).toMatchObject({ name: 'Pilot gate', planId: PLAN_ID, channels: ['email', 'slack'] });
    expect(draftOfRule({ ...KPI_RULE, condition: { ...KPI_CONDITION, value: 0.07 } }).valuePercent).toBe('7');
  });
});

describe('mutedRule', () => {
  it('mutes for a day or a week from now, keeping the rest of the rule', () => {
    expect(mutedRule(GATE_RULE, 'day', NOW)).toEqual({
      name: 'Pilot gate',
      condition: GATE_RULE.condition,
      channels: ['email'],
      enabled: true,
      mutedUntil: '2026-12-02T12:00:00.000Z',
    });
    expect(mutedRule(GATE_RULE, 'week', NOW).mutedUntil).toBe('2026-12-08T12:00:00.000Z');
  });

  it('mutes until unmuted by switching the rule off, and unmutes', () => {
    expect(mutedRule(GATE_RULE, 'untilUnmuted', NOW)).toMatchObject({ enabled: false, mutedUntil: null });
    const muted = rule('r', GATE_RULE.condition, { enabled: false, mutedUntil: '2026-12-02T12:00:00Z' });
    expect(mutedRule(muted, 'unmute', NOW)).toMatchObject({ enabled: true, mutedUntil: null });
  });
});

describe('the form checks and limits', () => {
  it('refuses a threshold outside 0..100 percent and no channel, before sending', () => {
    const draft = { ...emptyRuleDraft('kpi_threshold'), valuePercent: '140', channels: [] };
    expect(draftErrors(draft)).toEqual({
      byField: {
        'condition.value': ['The threshold must be a percentage from 0 to 100.'],
        channels: ['Choose at least one channel.'],
      },
      other: [],
    });
    expect(
      draftErrors({ ...draft, valuePercent: '', channels: ['email'] }).byField['condition.value'],
    ).toHaveLength(1);
    expect(draftErrors({ ...draft, valuePercent: '0', channels: ['email'] })).toEqual({
      byField: {},
      other: [],
    });
    expect(draftErrors({ ...draft, valuePercent: '100', channels: ['email'] })).toEqual({
      byField: {},
      other: [],
    });
  });

  it('allows 50 rules and no more', () => {
    expect(canAddRule(0)).toBe(true);
    expect(canAddRule(49)).toBe(true);
    expect(canAddRule(50)).toBe(false);
  });

  it('keeps channels in the API order', () => {
    expect(toggleChannel(['teams'], 'email', true)).toEqual(['email', 'teams']);
    expect(toggleChannel(['email', 'teams'], 'email', false)).toEqual(['teams']);
    expect(toggleChannel(['email'], 'email', true)).toEqual(['email']);
  });
});

describe('ruleErrors', () => {
  const badRequest = (message: string[] | string, status = 400) =>
    new HttpErrorResponse({ status, statusText: 'Bad Request', error: { statusCode: status, message } });

  it('puts each 400 line at the field it names, the rest under the form', () => {
    const errors = ruleErrors(
      badRequest([
        'condition.value must be a number from 0 to 1',
        'channels: slack is not set up for this organisation (an admin sets its webhook under Notifications)',
        'condition.scheduleMultiple must be a whole number from 1 to 100 (got "three")',
        'property condition.colour should not exist',
      ]),
    );
    expect(errors.byField).toEqual({
      'condition.value': ['condition.value must be a number from 0 to 1'],
      channels: [
        'channels: slack is not set up for this organisation (an admin sets its webhook under Notifications)',
      ],
      'condition.scheduleMultiple': [
        'condition.scheduleMultiple must be a whole number from 1 to 100 (got "three")',
      ],
    });
    expect(errors.other).toEqual(['property condition.colour should not exist']);
  });

  it('shows a 404 or a 403 sentence for the whole form unless it names a field', () => {
    expect(ruleErrors(badRequest('Rollout plan x not found', 404))).toEqual({
      byField: {},
      other: ['Rollout plan x not found'],
    });
    expect(
      ruleErrors(badRequest('condition.kind source_stale is not available to the executive role', 403))
        .byField,
    ).toEqual({
      'condition.kind': ['condition.kind source_stale is not available to the executive role'],
    });
  });
});
