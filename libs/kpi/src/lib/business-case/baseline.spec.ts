import { frozenBaselineSchema, type BaselineDefinition } from '@uptake/contracts';
import { baselineChanged, canonicalJson, definitionHash, freezeBaseline } from './baseline';

const UNIT = '00000000-0000-4000-8000-000000000001';

const definition: BaselineDefinition = {
  kpi: 'emails_sent_per_person_per_week',
  population: { orgUnitId: UNIT, groupId: null },
  filters: { source: 'm365' },
  definitionVersion: 1,
};

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: true, e: null }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[2,{"e":null,"f":true}]},"b":1}',
    );
    expect(canonicalJson(['b', 'a'])).toBe('["b","a"]');
    expect(() => canonicalJson({ a: Infinity })).toThrow(RangeError);
  });
});

describe('definitionHash', () => {
  it('is the sha256 of the canonical JSON of KPI, population, filters and version', () => {
    // printf '%s' '{"definitionVersion":1,"filters":{"source":"m365"},"kpi":"emails_sent_per_person_per_week",
    //   "population":{"groupId":null,"orgUnitId":"00000000-0000-4000-8000-000000000001"}}' | sha256sum
    expect(definitionHash(definition)).toBe(
      '268d95eb847c6be38a4445bf1a4f104e0efdeb55b9ebb0cfa62191fd12350aa9',
    );
  });

  it('does not depend on key order, and changes with every part of the meaning', () => {
    const reordered = {
      definitionVersion: 1,
      filters: { source: 'm365' },
      population: { groupId: null, orgUnitId: UNIT },
      kpi: 'emails_sent_per_person_per_week',
    };
    expect(definitionHash(reordered)).toBe(definitionHash(definition));
    const variants: BaselineDefinition[] = [
      { ...definition, kpi: 'weekly_active_rate' },
      { ...definition, population: { orgUnitId: null, groupId: null } },
      { ...definition, population: { orgUnitId: UNIT, groupId: UNIT } },
      { ...definition, filters: {} },
      { ...definition, filters: { source: 'm365', types: ['post'] } },
      { ...definition, definitionVersion: 2 },
    ];
    const hashes = new Set(variants.map(definitionHash));
    expect(hashes.size).toBe(variants.length);
    expect(hashes.has(definitionHash(definition))).toBe(false);
  });
});

describe('freezeBaseline', () => {
  it('averages the measured weeks of the pre-period, leaving withheld weeks out', () => {
    // (10 + 14) / 2 = 12 over 2 measured weeks, one withheld; Monday 01-05 .. Sunday 01-25
    const frozen = freezeBaseline(definition, [
      { week: '2026-01-05', value: 10 },
      { week: '2026-01-12', value: null },
      { week: '2026-01-19', value: 14 },
    ]);
    expect(frozen).toEqual({
      definition,
      value: 12,
      from: '2026-01-05',
      to: '2026-01-25',
      weeks: 2,
      withheldWeeks: 1,
      definitionHash: definitionHash(definition),
    });
    expect(frozenBaselineSchema.parse(frozen)).toEqual(frozen);
  });

  it('has no value when every week is withheld, and needs a bounded, non-empty pre-period', () => {
    expect(freezeBaseline(definition, [{ week: '2026-01-05', value: null }])).toMatchObject({
      value: null,
      weeks: 0,
      withheldWeeks: 1,
    });
    expect(() => freezeBaseline(definition, [])).toThrow(RangeError);
    const long = Array.from({ length: 157 }, () => ({ week: '2026-01-05', value: 1 }));
    expect(() => freezeBaseline(definition, long)).toThrow('at most 156 weeks');
  });
});

describe('baselineChanged', () => {
  it('flags a change of definition instead of comparing apples and pears', () => {
    const frozen = freezeBaseline(definition, [{ week: '2026-01-05', value: 10 }]);
    expect(baselineChanged(frozen, { ...definition, filters: { source: 'm365' } })).toBe(false);
    expect(baselineChanged(frozen, { ...definition, definitionVersion: 2 })).toBe(true);
    expect(baselineChanged(frozen, { ...definition, population: { orgUnitId: null, groupId: null } })).toBe(
      true,
    );
  });
});
