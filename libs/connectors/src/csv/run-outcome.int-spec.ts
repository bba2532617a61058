import { ingest, runOutcome } from '@uptake/ingest';
import { createScratchSource, readConnector } from '@uptake/ingest/testing';
import { createDataSource, Organisation, QuarantinedRecord } from '@uptake/persistence';
import { testStoreUrls } from '@uptake/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { csvActivityConnector } from '.';
import { fixtureFile } from '../shared/testing/fixture-file';
import { MATTERMOST_SETTINGS } from './fixtures/worked-mappings';

/**
 * Files that store nothing, through the real pipeline into Postgres, and what the run then is (the rule is the
 * pipeline's, runOutcome): every row refused -> failed, with a message pointing to the quarantine; nothing in
 * the file Uptake reads -> succeeded with a warning. Never a silent success.
 */
describe('csv runs that store nothing', () => {
  let dataSource: DataSource;
  const organisations: string[] = [];

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
  });
  afterAll(async () => {
    if (organisations.length > 0) await dataSource.getRepository(Organisation).delete(organisations);
    await dataSource?.destroy();
  });

  async function load(settings: unknown, file: () => { path: string; name: string; size: number }) {
    const scope = await createScratchSource(dataSource, csvActivityConnector.type);
    organisations.push(scope.organisationId);
    const result = await ingest(
      dataSource,
      scope,
      readConnector({ connector: csvActivityConnector }, { settings, file }),
      {
        fileName: file().name,
        now: () => new Date('2026-11-26T10:00:00Z'),
      },
    );
    const problems = await dataSource
      .getRepository(QuarantinedRecord)
      .find({ where: { sourceId: scope.sourceId }, order: { line: 'ASC' } });
    const counts = {
      recordsRead: result.read,
      recordsUsage: result.usage,
      recordsDirectory: result.directory,
      recordsQuarantined: result.quarantined,
    };
    return {
      result,
      problems: problems.map((p) => [p.line, p.field, p.reason]),
      outcome: runOutcome(counts, 'file'),
    };
  }

  it('fails a run whose every row was refused, each row quarantined with its reason (activity-all-bad.csv)', async () => {
    const { result, problems, outcome } = await load({}, () =>
      fixtureFile(join(__dirname, 'fixtures'), 'activity-all-bad.csv'),
    );
    expect(result.inserted).toBe(0);
    expect(problems).toEqual([
      [
        2,
        'occurred_at',
        "occurred_at: '2026-03-02 09:00' has no time-zone offset (add Z or e.g. +01:00, or set settings.timeZone)",
      ],
      [3, 'type', expect.stringContaining("type: 'clap' is not one of post, reply")],
      [4, 'actor_id', 'actor_id is missing'],
      [5, 'occurred_at', expect.stringContaining("occurred_at: 'yesterday' is not an ISO 8601 date-time")],
    ]);
    expect(outcome).toEqual({
      failure:
        'every record read was refused (4 records quarantined, none stored): see the quarantined records for the ' +
        'file, line and reason, fix the input and upload it again',
    });
  });

  it('succeeds with warnings when every row was skipped on purpose (a Mattermost export of users only)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'uptake-outcome-'));
    const path = join(dir, 'users-only.jsonl');
    writeFileSync(
      path,
      [
        '{"type":"version","version":1}',
        '{"type":"team","team":{"name":"acme","display_name":"Acme","type":"O"}}',
        '{"type":"user","user":{"username":"ann","email":"ann.lee@example.com"}}',
      ].join('\n'),
    );
    const { result, problems, outcome } = await load(MATTERMOST_SETTINGS, () => ({
      path,
      name: 'users-only.jsonl',
      size: 1,
    }));
    expect([result.inserted, result.quarantined, problems]).toEqual([0, 0, []]);
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'csv.rows-skipped', count: 3 }));
    expect(outcome).toEqual({ warning: expect.objectContaining({ code: 'nothing-read' }) });
  });
});
