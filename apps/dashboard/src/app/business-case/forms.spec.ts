import { HttpErrorResponse } from '@angular/common/http';
import {
  costBody,
  costDraft,
  measurementBody,
  measurementDraft,
  numberProblem,
  serverFieldErrors,
  MEASUREMENT_FIELDS,
} from './forms';
import { emailGoal, newGoal, PILOT_ID, PLAN_ID, report } from './fixtures';
import { interventionBody, targetText, interventionRows } from '../interventions/intervention-form';
import { training, leadershipPost, SALES_ID } from './fixtures';

describe('numberProblem', () => {
  it('speaks the contract’s words', () => {
    expect(numberProblem('', { min: 0, max: 1 })).toBe('must be a number');
    expect(numberProblem('', { min: 0, max: 1, optional: true })).toBeNull();
    expect(numberProblem('2.5', { min: 2, max: 52, integer: true })).toBe('must be a whole number');
    expect(numberProblem('1', { min: 2, max: 52 })).toBe('must not be less than 2');
    expect(numberProblem('481', { min: 0, max: 480 })).toBe('must not be greater than 480');
    expect(numberProblem('abc', { min: 0, max: 480 })).toBe('must be a number');
    expect(numberProblem(' 480 ', { min: 0, max: 480 })).toBeNull();
  });
});

describe('measurement form', () => {
  it('starts from the goal’s measurement and sends it back unchanged', () => {
    const draft = measurementDraft(emailGoal, undefined);
    expect(measurementBody(draft, PLAN_ID)).toEqual({ body: emailGoal.measurement, errors: {} });
  });

  it('defaults a new goal to the first phase, its own KPI and 8 weeks, and leaves empty post weeks out', () => {
    const draft = { ...measurementDraft(newGoal, PILOT_ID), people: '100' };
    expect(draft.lowerIsBetter).toBe(true); // waiting less is better
    expect(measurementBody(draft, PLAN_ID).body).toEqual({
      planId: PLAN_ID,
      phaseId: PILOT_ID,
      comparison: 'phase',
      preWeeks: 8,
      assumptions: {
        minutesPerUnit: 2,
        lowerIsBetter: true,
        people: 100,
        workingWeeksPerYear: 44,
        hourlyCost: 60,
        currency: 'EUR',
      },
    });
  });

  it('refuses what the contract refuses, naming each field', () => {
    const draft = {
      ...measurementDraft(emailGoal, undefined),
      phaseId: '',
      metric: 'emails',
      preWeeks: '1',
      postWeeks: '53',
      minutesPerUnit: '-1',
      people: '',
      workingWeeksPerYear: '54',
      hourlyCost: '100001',
      currency: 'eur',
    };
    expect(measurementBody(draft, PLAN_ID)).toEqual({
      body: null,
      errors: {
        phaseId: 'choose the phase that measures the goal',
        metric:
          'must be one of adoption_rate, weekly_active_rate, contributor_share, median_hours_to_first_response, emails_sent_per_person_per_week or usage:<metric> (e.g. usage:email.sent)',
        preWeeks: 'must not be less than 2',
        postWeeks: 'must not be greater than 52',
        'assumptions.minutesPerUnit': 'must not be less than 0',
        'assumptions.people': 'must be a number',
        'assumptions.workingWeeksPerYear': 'must not be greater than 53',
        'assumptions.hourlyCost': 'must not be greater than 100000',
        'assumptions.currency': 'must be an ISO 4217 code like EUR',
      },
    });
  });

  it('sorts the server’s messages to the fields they name', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: {
        message: ['assumptions.people must not be greater than 10000000', 'phase is not of this plan'],
      },
    });
    expect(serverFieldErrors(error, MEASUREMENT_FIELDS)).toEqual({
      byField: { 'assumptions.people': ['assumptions.people must not be greater than 10000000'] },
      other: ['phase is not of this plan'],
    });
  });
});

describe('programme cost form', () => {
  it('round-trips the cost and checks every bound', () => {
    expect(costBody(costDraft(report.cost))).toEqual({ body: report.cost, errors: {} });
    expect(costDraft(null).months).toBe('24');
    const bad = { ...costDraft(report.cost), months: '0', seats: '', oneOffCosts: '1000000001' };
    expect(costBody(bad)).toEqual({
      body: null,
      errors: {
        months: 'must not be less than 1',
        seats: 'must be a number',
        oneOffCosts: 'must not be greater than 1000000000',
      },
    });
  });
});

describe('intervention form', () => {
  const draft = {
    day: '2026-03-04',
    kind: 'training' as const,
    title: ' Training ',
    note: '',
    orgUnitIds: [SALES_ID],
    groupIds: [],
  };

  it('builds the body: trimmed title, no empty note, the target', () => {
    expect(interventionBody(draft, '2026-03-10')).toEqual({
      body: {
        day: '2026-03-04',
        kind: 'training',
        title: 'Training',
        target: { orgUnitIds: [SALES_ID], groupIds: [] },
      },
      errors: {},
    });
  });

  it('refuses days after tomorrow, unreal days, empty titles and too many targets', () => {
    // today 10 Mar: 11 Mar is tomorrow (allowed), 12 Mar is not
    expect(interventionBody({ ...draft, day: '2026-03-11' }, '2026-03-10').errors).toEqual({});
    expect(interventionBody({ ...draft, day: '2026-03-12' }, '2026-03-10').errors).toEqual({
      day: 'must not be after tomorrow',
    });
    expect(interventionBody({ ...draft, day: '2026-02-30' }, '2026-03-10').errors).toEqual({
      day: 'must be a calendar date YYYY-MM-DD',
    });
    const many = Array.from({ length: 51 }, (_, i) => `id-${i}`);
    expect(interventionBody({ ...draft, title: '  ', groupIds: many }, '2026-03-10')).toEqual({
      body: null,
      errors: {
        title: 'must be longer than or equal to 1 characters',
        'target.groupIds': 'must contain no more than 50 elements',
      },
    });
  });

  it('lists interventions newest first with their target by name', () => {
    const names = { orgUnits: new Map([[SALES_ID, 'Sales']]), groups: new Map<string, string>() };
    expect(
      interventionRows([training, leadershipPost], names).map((row) => [
        row.dayText,
        row.kind,
        row.title,
        row.target,
      ]),
    ).toEqual([
      ['10 Mar 2026', 'Leadership post', 'CEO asks to reply in the network, not by e-mail', 'Everyone'],
      ['4 Mar 2026', 'Training', 'Working out loud training for Sales', 'Sales'],
    ]);
    expect(targetText({ orgUnitIds: ['gone'], groupIds: [] }, names)).toBe('an org unit no longer listed');
  });
});
