import { BEST_CASE_METHOD_CODE } from '@uptake/contracts';
import { translator } from './messages';
import { bestCaseSentence, bestCasesMethodSentence, gateSentence } from './server-sentences';

const nl = translator('nl');
const en = translator('en');

const criterion = {
  metric: 'weekly_active_rate',
  operator: '>=',
  threshold: 0.4,
  consecutiveWeeks: 2,
  explanation: 'Weekly active / eligible ≥ 40% for 2 consecutive weeks: held for 1 of 2 weeks (42% now); …',
};

describe('the API’s sentences in an export’s language', () => {
  it('says a gate explanation in Dutch from its code, with Dutch figures and days', () => {
    const holding = {
      code: 'holding',
      params: { value: 0.42, weeksMet: 1, consecutiveWeeks: 2, passesOn: '2026-03-29' },
    };
    expect(gateSentence({ ...criterion, explanationDetail: holding }, nl)).toBe(
      'Wekelijks actief ≥ 40% gedurende 2 weken op rij: 1 van 2 weken gehaald (nu 42%); gehaald op 29 mrt 2026 als ' +
        'het zo blijft.',
    );
    const hours = {
      ...criterion,
      metric: 'median_hours_to_first_response',
      operator: '<=',
      threshold: 4,
      consecutiveWeeks: 1,
      explanationDetail: { code: 'held', params: { week: '2026-03-16', value: 3.25, weeksMet: 1 } },
    };
    expect(gateSentence(hours, nl)).toBe(
      'Mediaan uren tot eerste reactie ≤ 4 uur: 3,3 uur in de week van 16 mrt 2026, 1 week gehaald.',
    );
  });

  it('says a measured effect with its interval', () => {
    const row = {
      metric: 'measured_effect',
      operator: '<=',
      threshold: -0.1,
      consecutiveWeeks: 1,
      effect: { metric: 'usage:email.sent' },
      explanationDetail: {
        code: 'effect-ruled-out',
        params: { estimate: -0.02, low: -0.06, high: 0.02, requireSignificant: true },
      },
    };
    expect(gateSentence(row, nl)).toBe(
      'Gemeten effect op usage:email.sent ≤ -10%, interval zonder 0: -2% (95%-interval -6% tot +2%); het interval ' +
        'sluit het uit.',
    );
  });

  it('keeps the API’s sentence in English exports, without a code, or with figures that do not fit', () => {
    const holding = {
      code: 'holding',
      params: { value: 0.42, weeksMet: 1, consecutiveWeeks: 2, passesOn: '2026-03-29' },
    };
    expect(gateSentence({ ...criterion, explanationDetail: holding }, en)).toBeUndefined();
    expect(gateSentence(criterion, nl)).toBeUndefined();
    expect(
      gateSentence({ ...criterion, explanationDetail: { code: 'holding', params: {} } }, nl),
    ).toBeUndefined();
  });

  it('says best-case explanations and the method in Dutch', () => {
    const row = {
      criterion: 'medianHoursToFirstReply',
      explanationDetail: {
        code: 'compared',
        params: { criterion: 'medianHoursToFirstReply', value: 2.25, organisationValue: 10 },
      },
    };
    expect(bestCaseSentence(row, nl)).toBe(
      'eerste reactie na 2,3 uur (mediaan), tegen 10 uur in de organisatie',
    );
    const growth = {
      criterion: 'growth',
      explanationDetail: {
        code: 'compared',
        params: { criterion: 'growth', value: -0.125, organisationValue: 0.5 },
      },
    };
    expect(bestCaseSentence(growth, nl)).toBe(
      'actieve personen \u221213% in de afgelopen 4 weken, tegen +50% in de organisatie',
    );
    expect(bestCaseSentence({ ...growth, criterion: 'healthIndex' }, nl)).toBeUndefined();
    expect(bestCaseSentence(growth, en)).toBeUndefined();
    expect(bestCasesMethodSentence({ figure: 'method', methodCode: BEST_CASE_METHOD_CODE }, nl)).toMatch(
      /^Elke kandidaat \(een community/,
    );
    expect(bestCasesMethodSentence({ figure: 'method' }, nl)).toBeUndefined();
    expect(
      bestCasesMethodSentence({ figure: 'excluded', methodCode: BEST_CASE_METHOD_CODE }, nl),
    ).toBeUndefined();
  });
});
