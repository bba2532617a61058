import { phase } from './fixtures';
import { draftFromPhase, newCriterionDraft, numberOrNull, phaseBody, splitList } from './phase-draft';

describe('phase drafts', () => {
  it('shows share thresholds in % and sends them back as fractions with their ids', () => {
    const draft = draftFromPhase(phase());
    expect(draft.gateCriteria).toEqual([
      { id: 'c-wau', metric: 'weekly_active_rate', operator: '>=', threshold: 40, consecutiveWeeks: 2 },
    ]);
    expect(draft.target.pseudonyms).toBe('p-1\np-2');
    const body = phaseBody({ ...draft, gateCriteria: [{ ...draft.gateCriteria[0], threshold: 35 }] });
    expect(body.gateCriteria).toEqual([
      { id: 'c-wau', metric: 'weekly_active_rate', operator: '>=', threshold: 0.35, consecutiveWeeks: 2 },
    ]);
    expect(body.comparison).toEqual({ kind: 'rest-of-organisation' });
    expect(body.plannedStart).toBe('2026-03-01');
  });

  it('builds a new phase body: no id for new criteria, null dates, parsed lists and rules', () => {
    const draft = draftFromPhase(null);
    const body = phaseBody({
      ...draft,
      name: '  Champions ',
      target: {
        orgUnitIds: ['ou-1'],
        groupIds: [],
        pseudonyms: 'p-1, p-2\np-2\n\n',
        rules: [
          { attribute: 'level', values: '3, 4' },
          { attribute: 'location', values: 'Berlin, Lyon' },
          { attribute: 'legacyUnitId', values: ' ' },
        ],
      },
      comparisonKind: 'target',
      comparison: { orgUnitIds: [], groupIds: ['g-1'], pseudonyms: '', rules: [] },
      gateCriteria: [{ ...newCriterionDraft('median_hours_to_first_response'), threshold: 6 }],
    });
    expect(body).toEqual({
      name: 'Champions',
      plannedStart: null,
      plannedEnd: null,
      target: {
        orgUnitIds: ['ou-1'],
        groupIds: [],
        pseudonyms: ['p-1', 'p-2'],
        rules: [
          { attribute: 'level', values: [3, 4] },
          { attribute: 'location', values: ['Berlin', 'Lyon'] },
        ],
      },
      comparison: { kind: 'target', orgUnitIds: [], groupIds: ['g-1'], pseudonyms: [], rules: [] },
      gateCriteria: [
        { metric: 'median_hours_to_first_response', operator: '<=', threshold: 6, consecutiveWeeks: 1 },
      ],
    });
  });

  it('keeps a missing threshold as null so the API names the field', () => {
    expect(
      phaseBody({ ...draftFromPhase(null), gateCriteria: [newCriterionDraft()] }).gateCriteria[0].threshold,
    ).toBeNull();
    expect(numberOrNull('')).toBeNull();
    expect(numberOrNull('abc')).toBeNull();
    expect(numberOrNull('12.5')).toBe(12.5);
    expect(splitList('a;b c')).toEqual(['a', 'b', 'c']);
  });
});
