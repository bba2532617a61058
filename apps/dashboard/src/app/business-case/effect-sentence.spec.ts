import {
  comparisonWords,
  effectSentence,
  interventionLead,
  notEstimableReason,
  phaseLead,
  roundForHeadline,
} from './effect-sentence';
import { emailEffect, tooFewEffect } from './fixtures';

describe('effectSentence', () => {
  const eur = (perYear: number | null) => ({ perYear, currency: 'EUR' });

  it('says fewer e-mails for a negative effect, with the interval and the value a year', () => {
    // relative −0.14 (−0.19..−0.09) → 14% fewer, 9–19%; €84,022.40 → about €84,000
    expect(
      effectSentence({
        lead: phaseLead('Pilot'),
        metric: 'usage:email.sent',
        effect: emailEffect,
        value: eur(84_022.4),
      }),
    ).toBe(
      'In the pilot, people sent 14% fewer e-mails a week than comparable colleagues (95% interval 9–19%), worth about €84,000 a year.',
    );
  });

  it('says more for a positive effect and names the rest of the organisation', () => {
    // relative +0.061 (0.021..0.104) → 6% more, 2–10%
    const effect = {
      ...emailEffect,
      comparisonKind: 'rest-of-organisation' as const,
      relativeEffect: { estimate: 0.061, low: 0.021, high: 0.104 },
    };
    expect(effectSentence({ lead: phaseLead('Wave 1'), metric: 'weekly_active_rate', effect })).toBe(
      'In the “Wave 1” phase, people were active in 6% more weeks than the rest of the organisation (95% interval 2–10%).',
    );
  });

  it('falls back on the comparison asked for when the report does not say, and reads an interval across 0', () => {
    // −0.04 (−0.12..+0.05): 4% fewer, interval "12% fewer to 5% more"; phase comparison → "the comparison group"
    const effect = {
      ...emailEffect,
      comparisonKind: undefined,
      relativeEffect: { estimate: -0.04, low: -0.12, high: 0.05 },
    };
    const input = { lead: interventionLead('CEO post'), metric: 'emails_sent_per_person_per_week', effect };
    expect(effectSentence({ ...input, comparison: 'phase' })).toBe(
      'After “CEO post”, people sent 4% fewer e-mails a week than the comparison group (95% interval 12% fewer to 5% more).',
    );
    expect(effectSentence({ ...input, comparison: 'matched' })).toContain('than comparable colleagues');
  });

  it('says costing for a negative value and no difference when the effect rounds to 0%', () => {
    const effect = { ...emailEffect, relativeEffect: { estimate: 0.003, low: -0.02, high: 0.03 } };
    // 0.3% rounds to 0%; −€1,234 → about −€1,200 → "costing about €1,200"
    expect(
      effectSentence({ lead: 'In the pilot', metric: 'usage:email.sent', effect, value: eur(-1_234) }),
    ).toBe(
      'In the pilot, there was no measurable difference in e-mails sent a week from comparable colleagues (95% interval 2% fewer to 3% more), costing about €1,200 a year.',
    );
  });

  it('gives the reason in words when there is no estimate, and says hidden for a withheld one', () => {
    expect(effectSentence({ lead: 'In the pilot', metric: 'weekly_active_rate', effect: tooFewEffect })).toBe(
      'In the pilot, there is no estimate yet: fewer than 5 people in the treated or the comparison group have data both before and after the start.',
    );
    const hidden = { ...emailEffect, relativeEffect: { estimate: null, low: null, high: null } };
    expect(effectSentence({ lead: 'In the pilot', metric: 'usage:email.sent', effect: hidden })).toBe(
      'In the pilot, the effect rests on fewer than 5 people and is hidden.',
    );
    expect(
      notEstimableReason({ ...tooFewEffect, reason: { code: 'empty-window', message: 'no post week' } }),
    ).toBe('there is no complete week with data before or after the start yet');
  });

  it('words unknown usage metrics from their name and leaves the value out when there is none', () => {
    const effect = { ...emailEffect, relativeEffect: { estimate: 0.2, low: 0.1, high: 0.3 } };
    expect(
      effectSentence({ lead: 'In the pilot', metric: 'usage:meetings.attended', effect, value: eur(null) }),
    ).toBe(
      'In the pilot, people’s weekly meetings attended was 20% higher than that of comparable colleagues (95% interval 10–30%).',
    );
  });
});

describe('sentence parts', () => {
  it('names comparisons, leads and rounds headline amounts', () => {
    expect(comparisonWords('matched')).toBe('comparable colleagues');
    expect(comparisonWords('population')).toBe('the comparison group');
    expect(comparisonWords(undefined, 'rest-of-organisation')).toBe('the rest of the organisation');
    expect(comparisonWords(undefined)).toBe('the comparison group');
    expect(phaseLead('pilot')).toBe('In the pilot');
    expect(phaseLead('Best cases')).toBe('In the “Best cases” phase');
    // two significant figures: 83,712 → 84,000; 1,049 → 1,000; 7 → 7
    expect(roundForHeadline(83_712)).toBe(84_000);
    expect(roundForHeadline(1_049)).toBe(1_000);
    expect(roundForHeadline(7)).toBe(7);
    expect(roundForHeadline(0)).toBe(0);
  });
});
