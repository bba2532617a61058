import type { BestCaseCriterionScore, CriterionEvaluation, CriterionExplanation } from '@uptake/contracts';
import { inDutch } from '../../locale/testing';
import { bestCaseExplanation, bestCasesMethod, bootstrapMethod, gateExplanation } from './server-text';

/** A weekly-active criterion (≥ 40%, 4 weeks in a row) evaluated with the given explanation. */
function evaluated(
  explanationDetail: unknown,
  overrides: Partial<CriterionEvaluation> = {},
): CriterionEvaluation {
  return {
    criterionId: 'c-wau',
    metric: 'weekly_active_rate',
    operator: '>=',
    threshold: 0.4,
    consecutiveWeeks: 4,
    status: 'at-risk',
    value: 0.3,
    weeksMet: 0,
    evidence: [],
    forecastDate: null,
    forecastMethod: null,
    explanation: 'The API’s English sentence.',
    explanationDetail: explanationDetail as CriterionExplanation,
    ...overrides,
  };
}

const WAU = 'Wekelijks actief / in aanmerking ≥ 40% gedurende 4 weken op rij';

describe('server texts in Dutch', () => {
  inDutch();

  it('says each gate explanation from its code, with Dutch numbers and dates', () => {
    const say = (detail: CriterionExplanation) => gateExplanation(evaluated(detail));
    expect(say({ code: 'no-complete-week', params: {} })).toBe(
      `${WAU}: nog geen volledige week met gegevens.`,
    );
    expect(say({ code: 'latest-week-withheld', params: { minGroupSize: 5 } })).toBe(
      `${WAU}: de laatste week is verborgen (minder dan 5 personen).`,
    );
    expect(say({ code: 'latest-week-not-measured', params: {} })).toBe(
      `${WAU}: niets gemeten in de laatste week.`,
    );
    expect(say({ code: 'held', params: { week: '2026-02-02', value: 0.505, weeksMet: 4 } })).toBe(
      `${WAU}: 50,5% in de week van 2 feb 2026, 4 weken op rij gehaald.`,
    );
    expect(
      say({
        code: 'holding',
        params: { value: 0.44, weeksMet: 2, consecutiveWeeks: 4, passesOn: '2026-02-15' },
      }),
    ).toBe(`${WAU}: 2 van 4 weken gehaald (nu 44%); gehaald op 15 feb 2026 als het zo blijft.`);
    const forecast = { week: '2026-01-19', value: 0.3, forecastDate: '2026-03-01', method: 'trend' as const };
    expect(say({ code: 'forecast', params: { ...forecast, plannedEnd: null } })).toBe(
      `${WAU}: 30% in de week van 19 jan 2026; naar verwachting gehaald vanaf 1 mrt 2026 (trend).`,
    );
    expect(say({ code: 'forecast', params: { ...forecast, method: 'bass', plannedEnd: '2026-02-15' } })).toBe(
      `${WAU}: 30% in de week van 19 jan 2026; naar verwachting gehaald vanaf 1 mrt 2026 (adoptiecurve), ` +
        'na het geplande einde op 15 feb 2026.',
    );
    expect(say({ code: 'not-forecast', params: { week: '2026-01-19', value: 0.25 } })).toBe(
      `${WAU}: 25% in de week van 19 jan 2026; bij de huidige trend naar verwachting niet gehaald.`,
    );
  });

  it('says a measured effect’s explanation with its interval in Dutch', () => {
    const effect = (detail: CriterionExplanation) =>
      gateExplanation(
        evaluated(detail, {
          metric: 'measured_effect',
          operator: '<=',
          threshold: -0.1,
          consecutiveWeeks: 1,
          effect: {
            metric: 'usage:email.sent',
            comparison: 'phase',
            estimable: true,
            relativeEffect: -0.12,
            low: -0.25,
            high: 0.01,
            significant: false,
            treatedPeople: 80,
            comparisonPeople: 120,
          },
        }),
      );
    const figures = { estimate: -0.12, low: -0.25, high: 0.01, requireSignificant: true };
    const label = 'Effect op usage:email.sent vs. de vergelijking ≤ -10%, 95%-interval zonder 0';
    expect(effect({ code: 'effect-includes-no-effect', params: figures })).toBe(
      `${label}: −12% (95%-interval −25% tot +1%); het interval bevat nog ‘geen effect’.`,
    );
    expect(effect({ code: 'effect-met', params: figures })).toBe(
      `${label}: −12% (95%-interval −25% tot +1%).`,
    );
    expect(effect({ code: 'effect-not-ruled-out', params: figures })).toBe(
      `${label}: −12% (95%-interval −25% tot +1%); de schatting haalt het niet, maar het interval sluit het niet uit.`,
    );
    expect(effect({ code: 'effect-ruled-out', params: figures })).toBe(
      `${label}: −12% (95%-interval −25% tot +1%); het interval sluit het uit.`,
    );
    // Without the significance requirement the criterion reads without "95%-interval zonder 0".
    expect(
      effect({
        code: 'effect-not-estimable',
        params: { requireSignificant: false, reason: 'too-few-people' },
      }),
    ).toBe(
      'Effect op usage:email.sent vs. de vergelijking ≤ -10%: nog geen schatting (te weinig personen in de ' +
        'fase of de vergelijkingsgroep).',
    );
  });

  it('keeps the API’s English when the code is missing, unknown, or its figures do not fit', () => {
    expect(gateExplanation(evaluated(undefined))).toBe('The API’s English sentence.');
    expect(gateExplanation(evaluated({ code: 'held-longer', params: {} }))).toBe(
      'The API’s English sentence.',
    );
    expect(gateExplanation(evaluated({ code: 'held', params: { week: '2026-02-02' } }))).toBe(
      'The API’s English sentence.',
    );
  });

  it('says best-case explanations from their code, else keeps the English', () => {
    const criterion: BestCaseCriterionScore = {
      criterion: 'crossDepartmentShare',
      value: 0.31,
      organisationValue: 0.12,
      score: 1,
      explanation: '31% of first replies come from another department vs 12% in the organisation',
      explanationDetail: {
        code: 'compared',
        params: { criterion: 'crossDepartmentShare', value: 0.31, organisationValue: 0.12 },
      },
    };
    expect(bestCaseExplanation(criterion, 'Over afdelingen')).toBe(
      '31% van de eerste reacties komt uit een andere afdeling, tegen 12% in de organisatie',
    );
    expect(
      bestCaseExplanation(
        {
          ...criterion,
          explanationDetail: { code: 'no-figure', params: { criterion: 'crossDepartmentShare' } },
        },
        'Over afdelingen',
      ),
    ).toBe('Over afdelingen: geen cijfer (te weinig threads of personen), telt als 0');
    // Figures of another criterion than the line's own: not trusted.
    expect(
      bestCaseExplanation(
        { ...criterion, explanationDetail: { code: 'no-figure', params: { criterion: 'growth' } } },
        'Over afdelingen',
      ),
    ).toBe(criterion.explanation);
    expect(bestCaseExplanation({ ...criterion, explanationDetail: undefined }, 'Over afdelingen')).toBe(
      criterion.explanation,
    );
  });

  it('says the method notes it knows in Dutch', () => {
    expect(bestCasesMethod({ method: 'English paragraph', methodCode: 'best-case-score.v1' })).toMatch(
      /^Elke kandidaat .* minstens k actieve personen /,
    );
    expect(bestCasesMethod({ method: 'English paragraph' })).toBe('English paragraph');
    expect(bootstrapMethod('person-level cluster bootstrap, expanded percentile interval')).toBe(
      'clusterbootstrap op persoonsniveau, verbreed percentielinterval',
    );
    expect(bootstrapMethod('some newer bootstrap')).toBe('some newer bootstrap');
  });
});
