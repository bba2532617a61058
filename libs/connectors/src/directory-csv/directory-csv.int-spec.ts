import { ingest } from '@uptake/ingest';
import { createScratchSource, readAll, readConnector, stateAfter } from '@uptake/ingest/testing';
import { createDataSource, Organisation } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDirectoryCsvConnector, directoryCsvConnector } from '.';
import { fixtureFile } from '../shared/testing/fixture-file';

/**
 * What the contract kit does not check for a directory: the stored hierarchy (parents resolved because
 * units come parents-first), who sits where, and how many people a malformed file keeps.
 */
describe('directory-csv through the ingest pipeline', () => {
  const fixtures = join(__dirname, 'fixtures');
  let dataSource: DataSource;
  const organisations: string[] = [];

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
  });
  afterAll(async () => {
    if (organisations.length > 0) await dataSource.getRepository(Organisation).delete(organisations);
    await dataSource?.destroy();
  });

  async function load(name: string) {
    const scope = await createScratchSource(dataSource, 'directory-csv');
    organisations.push(scope.organisationId);
    const input = { settings: {}, file: () => fixtureFile(fixtures, name) };
    const result = await ingest(
      dataSource,
      scope,
      readConnector({ connector: directoryCsvConnector }, input),
      {
        fileName: name,
      },
    );
    return { scope, result };
  }

  const rows = (sql: string, organisationId: string) => dataSource.query(sql, [organisationId]);

  it('stores units parents-first with their kinds, and people in their units and legacy companies', async () => {
    const { scope, result } = await load('directory.csv');
    expect(result).toMatchObject({ people: 15, orgUnits: 8, quarantined: 0, inserted: 0 });
    expect(
      await rows(
        `SELECT u.external_id AS unit, u.kind, p.external_id AS parent FROM org_units u
         LEFT JOIN org_units p ON p.id = u.parent_id WHERE u.organisation_id = $1 ORDER BY u.external_id COLLATE "C"`,
        scope.organisationId,
      ),
    ).toEqual([
      { unit: 'DEP-LOG', kind: 'department', parent: 'DIV-OPS' },
      { unit: 'DEP-MFG', kind: 'department', parent: 'DIV-OPS' },
      { unit: 'DEP-MKT', kind: 'department', parent: 'DIV-COM' },
      { unit: 'DEP-SAL', kind: 'department', parent: 'DIV-COM' },
      { unit: 'DIV-COM', kind: 'division', parent: null },
      { unit: 'DIV-OPS', kind: 'division', parent: null },
      { unit: 'legacy:acme-gmbh', kind: 'legacy_company', parent: null },
      { unit: 'legacy:buro-nord-ag', kind: 'legacy_company', parent: null },
    ]);
    // By hand from directory.csv: LOG eva, felix, ana; MFG greta, hassan, ben; SAL ines, jakub, mo, chloe;
    // MKT kim, lea, dan; DIV-OPS olga; DIV-COM marc (3+3+4+3+1+1 = 15).
    expect(
      await rows(
        `SELECT u.external_id AS unit, count(*)::int AS people FROM people p JOIN org_units u ON u.id = p.org_unit_id
         WHERE p.organisation_id = $1 GROUP BY u.external_id ORDER BY u.external_id COLLATE "C"`,
        scope.organisationId,
      ),
    ).toEqual([
      { unit: 'DEP-LOG', people: 3 },
      { unit: 'DEP-MFG', people: 3 },
      { unit: 'DEP-MKT', people: 3 },
      { unit: 'DEP-SAL', people: 4 },
      { unit: 'DIV-COM', people: 1 },
      { unit: 'DIV-OPS', people: 1 },
    ]);
    // Acme: eva, greta, hassan, ana, ben, olga (6); Büro Nord: ines, kim, mo, chloe, marc (5); none: 4.
    expect(
      await rows(
        `SELECT u.external_id AS legacy, count(*)::int AS people FROM people p LEFT JOIN org_units u ON u.id = p.legacy_unit_id
         WHERE p.organisation_id = $1 GROUP BY u.external_id ORDER BY u.external_id NULLS LAST`,
        scope.organisationId,
      ),
    ).toEqual([
      { legacy: 'legacy:acme-gmbh', people: 6 },
      { legacy: 'legacy:buro-nord-ag', people: 5 },
      { legacy: null, people: 4 },
    ]);
    // Everyone but the two division heads has a manager, and every manager is in the file (no stubs).
    const [managed] = await rows(
      `SELECT count(manager_id)::int AS managed, count(*)::int AS total FROM people WHERE organisation_id = $1`,
      scope.organisationId,
    );
    expect(managed).toEqual({ managed: 13, total: 15 });
  });

  it('keeps the people of a malformed file whose own row is valid, with their units', async () => {
    const { scope, result } = await load('directory-malformed.csv');
    // Valid person rows: pat (2), quinn (3), uma (8), vic (9), xena (11) -> 5; 8 problems (see contract).
    expect(result).toMatchObject({ people: 5, quarantined: 8 });
    // DIV-A, DEP-A, DEP-X (parent unknown -> top), T-1 (kind 'squad' reported -> department), legacy:legacy-co.
    expect(
      await rows(
        `SELECT u.external_id AS unit, u.kind, p.external_id AS parent FROM org_units u
         LEFT JOIN org_units p ON p.id = u.parent_id WHERE u.organisation_id = $1 ORDER BY u.external_id COLLATE "C"`,
        scope.organisationId,
      ),
    ).toEqual([
      { unit: 'DEP-A', kind: 'department', parent: 'DIV-A' },
      { unit: 'DEP-X', kind: 'department', parent: null },
      { unit: 'DIV-A', kind: 'division', parent: null },
      { unit: 'T-1', kind: 'department', parent: 'DEP-A' },
      { unit: 'legacy:legacy-co', kind: 'legacy_company', parent: null },
    ]);
    const [placed] = await rows(
      `SELECT count(org_unit_id)::int AS placed, count(*)::int AS total FROM people WHERE organisation_id = $1`,
      scope.organisationId,
    );
    expect(placed).toEqual({ placed: 5, total: 5 });
  });

  it('on resume re-yields the units but not their problems, and only the people after the checkpoint', async () => {
    const connector = createDirectoryCsvConnector({ checkpointEvery: 2 });
    const input = { settings: {}, file: () => fixtureFile(fixtures, 'directory-malformed.csv') };
    // Directory checkpoints: after units {line 0}, then after every 2 person rows: lines 3, 5, 7, 9, 11, 12.
    const head = await readAll({ connector }, input, {}, { stream: 'directory', count: 3 });
    expect(stateAfter(head)).toEqual({ directory: { line: 5 } });
    const tail = await readAll({ connector }, input, stateAfter(head));
    const summary = (messages: typeof tail) =>
      messages.flatMap((m) =>
        m.kind === 'invalid'
          ? [`invalid ${m.problem.location.line}`]
          : m.kind === 'person'
            ? [m.record.externalId]
            : [],
      );
    expect(summary(head)).toEqual([
      'invalid 8',
      'invalid 9',
      'pat.lee@example.com',
      'quinn@example.com',
      'invalid 4',
      'invalid 5',
    ]);
    expect(tail.filter((m) => m.kind === 'orgUnit')).toHaveLength(5);
    expect(summary(tail)).toEqual([
      'invalid 6',
      'invalid 7',
      'uma@example.com',
      'vic@example.com',
      'invalid 10',
      'xena@example.com',
      'invalid 12',
    ]);
  });
});
