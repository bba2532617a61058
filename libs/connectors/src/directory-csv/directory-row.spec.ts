import { legacyCompanyId, OrgUnitCatalogue, parsePersonRow, type DirectoryRowInput } from './directory-row';

describe('legacyCompanyId', () => {
  it('slugs the company name', () => {
    expect(legacyCompanyId('Acme GmbH')).toBe('legacy:acme-gmbh');
    expect(legacyCompanyId('  Büro Nord AG ')).toBe('legacy:buro-nord-ag');
    expect(legacyCompanyId('Smith & Söhne (1998)')).toBe('legacy:smith-sohne-1998');
    expect(legacyCompanyId('株式会社ヤマト')).toBe('legacy:株式会社ヤマト');
    expect(legacyCompanyId('***')).toBeNull();
  });
});

describe('parsePersonRow', () => {
  const units = new Set(['DEP-LOG', 'legacy:acme-gmbh']);
  const row: DirectoryRowInput = {
    person_id: ' Eva.Nowak@Example.com',
    org_unit_id: 'DEP-LOG',
    manager_id: 'ANA.SILVA@example.com',
    level: '3',
    location: 'Porto',
    start_date: '2019-04-01',
    end_date: '',
    legacy_company: 'Acme GmbH',
  };

  it('maps a person, lower-casing e-mail ids', () => {
    expect(parsePersonRow(row, units)).toEqual({
      ok: true,
      person: {
        externalId: 'eva.nowak@example.com',
        orgUnitExternalId: 'DEP-LOG',
        legacyCompanyExternalId: 'legacy:acme-gmbh',
        managerExternalId: 'ana.silva@example.com',
        level: 3,
        location: 'Porto',
        startDate: '2019-04-01',
        endDate: null,
      },
    });
  });

  it('keeps a person whose unit was not yielded, without a unit', () => {
    const result = parsePersonRow(
      { ...row, org_unit_id: 'DEP-GONE', legacy_company: 'x'.repeat(300) },
      units,
    );
    expect(result.ok && result.person).toMatchObject({
      orgUnitExternalId: null,
      legacyCompanyExternalId: null,
    });
  });

  it.each([
    [{ person_id: '' }, 'person_id', 'person_id is missing'],
    [{ level: '0' }, 'level', "level: '0' is not an integer from 1 to 20"],
    [{ level: '2.5' }, 'level', "level: '2.5' is not an integer from 1 to 20"],
    [{ start_date: '01.04.2019' }, 'start_date', "start_date: '01.04.2019' is not a date in YYYY-MM-DD form"],
    [{ end_date: '2019-02-29' }, 'end_date', "end_date: '2019-02-29' is not a real date"],
    [{ end_date: '2019-03-31' }, 'end_date', "end_date: '2019-03-31' is before start_date '2019-04-01'"],
    [{ manager_id: 'EVA.NOWAK@example.com' }, 'manager_id', 'manager_id is the same as person_id'],
  ])('rejects %p', (change, field, reason) => {
    expect(parsePersonRow({ ...row, ...change }, units)).toEqual({
      ok: false,
      problems: [{ field, reason }],
    });
  });
});

describe('OrgUnitCatalogue', () => {
  const unit = (id: string, extra: DirectoryRowInput = {}): DirectoryRowInput => ({
    org_unit_id: id,
    ...extra,
  });

  it('yields units parents-first whatever the row order, merging attributes across rows', () => {
    const catalogue = new OrgUnitCatalogue('hr.csv');
    catalogue.addRow(2, unit('TEAM-1', { parent_org_unit_id: 'DEP-1', org_unit_kind: 'Team' }));
    catalogue.addRow(3, unit('DEP-1', { legacy_company: 'Acme GmbH' }));
    catalogue.addRow(4, unit('DEP-1', { org_unit_name: 'Logistics', parent_org_unit_id: 'DIV-1' }));
    catalogue.addRow(5, unit('DIV-1', { org_unit_name: 'Operations', org_unit_kind: 'division' }));
    catalogue.addRow(6, unit('DEP-1', { org_unit_name: 'Renamed later', parent_org_unit_id: 'DIV-2' }));
    expect(catalogue.resolve()).toEqual({
      units: [
        { externalId: 'legacy:acme-gmbh', name: 'Acme GmbH', kind: 'legacy_company', parentExternalId: null },
        { externalId: 'DIV-1', name: 'Operations', kind: 'division', parentExternalId: null },
        { externalId: 'DEP-1', name: 'Logistics', kind: 'department', parentExternalId: 'DIV-1' },
        { externalId: 'TEAM-1', name: 'TEAM-1', kind: 'team', parentExternalId: 'DEP-1' },
      ],
      problems: [],
    });
  });

  it('keeps a unit with an unknown parent or a parent cycle at the top, reporting it once', () => {
    const catalogue = new OrgUnitCatalogue('hr.csv');
    catalogue.addRow(2, unit('DEP-X', { parent_org_unit_id: 'DIV-NONE' }));
    catalogue.addRow(3, unit('DEP-X', { parent_org_unit_id: 'DIV-NONE' }));
    catalogue.addRow(4, unit('A', { parent_org_unit_id: 'B' }));
    catalogue.addRow(5, unit('B', { parent_org_unit_id: 'C' }));
    catalogue.addRow(6, unit('C', { parent_org_unit_id: 'A' }));
    const { units, problems } = catalogue.resolve();
    // The cycle A -> B -> C -> A is broken at C, the unit that closes it.
    expect(units.map((u) => [u.externalId, u.parentExternalId])).toEqual([
      ['DEP-X', null],
      ['C', null],
      ['B', 'C'],
      ['A', 'B'],
    ]);
    expect(problems).toEqual([
      {
        location: { file: 'hr.csv', line: 2, field: 'parent_org_unit_id' },
        reason:
          "parent_org_unit_id: 'DIV-NONE' is not the org_unit_id of any row; unit 'DEP-X' is kept without a parent",
      },
      {
        location: { file: 'hr.csv', line: 6, field: 'parent_org_unit_id' },
        reason: "parent_org_unit_id: 'A' makes the hierarchy a cycle; unit 'C' is kept without a parent",
      },
    ]);
  });

  it('reports bad unit values once per unit and field, and keeps the unit with defaults', () => {
    const catalogue = new OrgUnitCatalogue('hr.csv');
    catalogue.addRow(2, unit('T-1', { org_unit_kind: 'squad', org_unit_name: 'Tiger team' }));
    catalogue.addRow(3, unit('T-1', { org_unit_kind: 'squad' }));
    catalogue.addRow(4, unit('T-2', { parent_org_unit_id: 'T-2' }));
    catalogue.addRow(5, { legacy_company: '***' });
    catalogue.addRow(6, { legacy_company: '***' });
    const { units, problems } = catalogue.resolve();
    expect(units).toEqual([
      { externalId: 'T-1', name: 'Tiger team', kind: 'department', parentExternalId: null },
      { externalId: 'T-2', name: 'T-2', kind: 'department', parentExternalId: null },
    ]);
    expect(problems.map((p) => [p.location.line, p.location.field, p.reason])).toEqual([
      [
        2,
        'org_unit_kind',
        "org_unit_kind: 'squad' is not one of organisation, division, department, team, location, other",
      ],
      [4, 'parent_org_unit_id', "parent_org_unit_id: 'T-2' is the unit itself"],
      [5, 'legacy_company', "legacy_company: '***' has no letters or digits to make an id from"],
    ]);
  });
});
