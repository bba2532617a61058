import { personas } from './adoption.fixtures';
import {
  PERSONA_DEFINITIONS,
  hiddenPersonaLabels,
  isEmptyPersonas,
  personaRowTooltip,
  personaRows,
  personasChartHeight,
  personasChartOption,
} from './personas';

type Series = { name: string; stack: string; data: (number | null)[] };

describe('personas view model', () => {
  it('defines the five personas in the contract order', () => {
    expect(PERSONA_DEFINITIONS.map((p) => p.persona)).toEqual([
      'catalyst',
      'engager',
      'responder',
      'broadcaster',
      'observer',
    ]);
  });

  it('has a row for everyone, then one per unit; a unit with every share withheld is hidden', () => {
    expect(personaRows(personas).map((row) => [row.name, row.activePeople, row.hidden])).toEqual([
      ['All people', 80, false],
      ['Finance', 40, false],
      ['Legal', null, true],
    ]);
  });

  it('stacks the personas to 100% per row in percent, withheld shares as gaps', () => {
    const option = personasChartOption(personas) as {
      yAxis: { data: string[] };
      xAxis: { max: number };
      series: Series[];
    };
    expect(option.xAxis.max).toBe(100);
    expect(option.yAxis.data).toEqual(['All people', 'Finance', 'Legal (hidden)']);
    // All people: 10 + 35 + 20 + 15 + 20 = 100; Finance: 12.5 + 37.5 + 25 = 75 shown, 25 withheld
    expect(option.series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['Catalysts', 'people', [10, 12.5, null]],
      ['Engagers', 'people', [35, 37.5, null]],
      ['Responders', 'people', [20, 25, null]],
      ['Broadcasters', 'people', [15, null, null]],
      ['Observers', 'people', [20, null, null]],
    ]);
  });

  it('names the personas whose overall share is withheld', () => {
    expect(hiddenPersonaLabels(personas.personas)).toEqual([]);
    expect(hiddenPersonaLabels(personas.byUnit[0].personas)).toEqual(['Broadcasters', 'Observers']);
  });

  it('escapes the unit name in the tooltip and says why shares are missing', () => {
    const [, finance] = personaRows(personas);
    expect(personaRowTooltip({ ...finance, name: 'R&D <b>' }, 5)).toBe(
      [
        '<b>R&amp;D &lt;b&gt;</b> (40 active people)',
        'Catalysts: 12.5%',
        'Engagers: 37.5%',
        'Responders: 25.0%',
        'Broadcasters: hidden (< 5 people)',
        'Observers: hidden (< 5 people)',
      ].join('<br>'),
    );
  });

  it('grows with the units and is empty only when nobody was active', () => {
    // 5 + 2 × (2 units + everyone) = 11 → at least 18
    expect(personasChartHeight(personas)).toBe('18rem');
    const units = Array.from({ length: 10 }, () => personas.byUnit[0]);
    // 5 + 2 × 11 = 27
    expect(personasChartHeight({ ...personas, byUnit: units })).toBe('27rem');
    expect(isEmptyPersonas(personas)).toBe(false);
    expect(isEmptyPersonas({ ...personas, activePeople: 0 })).toBe(true);
    expect(isEmptyPersonas({ ...personas, activePeople: null })).toBe(false);
  });
});
