import type { ConnectorMessage, GroupRecord, OrgUnitRecord, PersonRecord } from '@uptake/connector-sdk';
import { ActivitySource, createDataSource, Organisation } from '@uptake/persistence';
import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { ingest } from './pipeline';
import { pseudonymise } from './pseudonymise';

/** A connector's directory as it yields it: units parents-first, people, groups with their members. */
interface Directory {
  units: OrgUnitRecord[];
  people: PersonRecord[];
  groups: GroupRecord[];
}

const person = (externalId: string, overrides: Partial<PersonRecord> = {}): PersonRecord => ({
  externalId,
  orgUnitExternalId: 'sales',
  legacyCompanyExternalId: 'acme',
  managerExternalId: 'boss@example.com',
  level: 4,
  location: 'Lyon',
  startDate: '2024-01-01',
  endDate: null,
  ...overrides,
});

function baseDirectory(): Directory {
  return {
    units: [
      { externalId: 'org', name: 'Company', kind: 'organisation', parentExternalId: null },
      { externalId: 'acme', name: 'Acme', kind: 'legacy_company', parentExternalId: null },
      { externalId: 'sales', name: 'Sales', kind: 'department', parentExternalId: 'org' },
      { externalId: 'it', name: 'IT', kind: 'department', parentExternalId: 'org' },
    ],
    people: [
      // Listed before their manager: the manager is a stub first, then filled in (both on every sync).
      person('ann@example.com'),
      person('bob@example.com', { orgUnitExternalId: 'it', location: null, startDate: null }),
      person('boss@example.com', { managerExternalId: null, level: 2 }),
    ],
    groups: [
      {
        externalId: 'C1',
        name: 'general',
        kind: 'channel',
        isPrivate: false,
        memberExternalIds: ['ann@example.com', 'bob@example.com'],
      },
      {
        externalId: 'C2',
        name: 'inferred',
        kind: 'community',
        isPrivate: false,
        memberExternalIds: ['ann@example.com', 'boss@example.com'],
        memberJoinedAt: [new Date('2026-03-02T09:00:00Z'), null],
      },
    ],
  };
}

async function* messagesOf(directory: Directory): AsyncIterable<ConnectorMessage> {
  for (const record of directory.units) yield { kind: 'orgUnit', record };
  for (const record of directory.people) yield { kind: 'person', record };
  yield { kind: 'checkpoint', stream: 'directory', state: { people: directory.people.length } };
  for (const record of directory.groups) yield { kind: 'group', record };
  yield { kind: 'checkpoint', stream: 'groups', state: { groups: directory.groups.length } };
}

/**
 * The directory writer against real Postgres: a sync that re-sends an unchanged directory writes no row, so
 * the organisation's directory version (which keys every cached and precomputed KPI report) stays; a real
 * change moves it, once.
 */
describe('directory writer', () => {
  let dataSource: DataSource;
  let scope: { organisationId: string; sourceId: string };
  let key: Buffer;
  let directory: Directory;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
  });

  beforeEach(async () => {
    const organisation = await dataSource
      .getRepository(Organisation)
      .save({ name: 'Directory', slug: `directory-${uniqueSuffix()}` });
    const source = await dataSource
      .getRepository(ActivitySource)
      .save({ organisationId: organisation.id, name: 'hr', connectorType: 'csv' });
    scope = { organisationId: organisation.id, sourceId: source.id };
    const [row] = await dataSource.query('SELECT pseudonym_key FROM organisations WHERE id = $1', [
      organisation.id,
    ]);
    key = row.pseudonym_key;
    directory = baseDirectory();
  });

  afterEach(async () => {
    await dataSource.getRepository(Organisation).delete(scope.organisationId);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const sync = async (written: Directory = directory) => {
    const result = await ingest(dataSource, scope, messagesOf(written));
    expect(result.quarantined).toBe(0);
  };

  const directoryVersion = async (): Promise<number> => {
    const [row] = await dataSource.query(
      'SELECT directory_version FROM kpi_rollup_versions WHERE organisation_id = $1',
      [scope.organisationId],
    );
    return Number(row.directory_version);
  };

  /** Every directory row with its row version (xmin): a row written again, even unchanged, gets a new one. */
  const stored = async () => {
    const query = (sql: string) => dataSource.query(sql, [scope.organisationId]);
    return {
      units: await query(
        `SELECT u.external_id, u.name, u.kind, parent.external_id AS parent, u.xmin::text AS version
         FROM org_units u LEFT JOIN org_units parent ON parent.id = u.parent_id
         WHERE u.organisation_id = $1 ORDER BY u.external_id`,
      ),
      people: await query(
        `SELECT p.pseudonym, p.in_directory, unit.external_id AS unit, p.level, p.location, p.start_date::text,
                p.end_date::text, manager.pseudonym AS manager, p.updated_at, p.xmin::text AS version
         FROM people p LEFT JOIN org_units unit ON unit.id = p.org_unit_id
         LEFT JOIN people manager ON manager.id = p.manager_id
         WHERE p.organisation_id = $1 ORDER BY p.pseudonym`,
      ),
      groups: await query(
        `SELECT external_id, name, kind, is_private, xmin::text AS version FROM groups
         WHERE organisation_id = $1 ORDER BY external_id`,
      ),
      members: await query(
        `SELECT g.external_id AS group, p.pseudonym, m.joined_at, m.xmin::text AS version
         FROM group_members m JOIN groups g ON g.id = m.group_id JOIN people p ON p.id = m.person_id
         WHERE m.organisation_id = $1 ORDER BY g.external_id, p.pseudonym`,
      ),
    };
  };

  const pseudonymOf = (identity: string) => pseudonymise(key, identity);

  it('writes the same directory twice: the second sync changes no row and leaves the version', async () => {
    const before = await directoryVersion();
    await sync();
    const first = await directoryVersion();
    expect(first).toBeGreaterThan(before);
    const written = await stored();
    expect(written.people.map((p: { manager: string | null }) => p.manager).sort()).toEqual(
      [null, pseudonymOf('boss@example.com'), pseudonymOf('boss@example.com')].sort(),
    );
    expect(written.members).toHaveLength(4);

    await sync(baseDirectory());
    expect(await directoryVersion()).toBe(first);
    // Not one row written again: same values, same updated_at, same row versions.
    expect(await stored()).toEqual(written);
  });

  it('treats members in another order and a later or unknown join time as no change', async () => {
    await sync();
    const version = await directoryVersion();
    const written = await stored();
    const resent = baseDirectory();
    resent.groups[0].memberExternalIds = ['bob@example.com', 'ann@example.com'];
    // A later export infers a later first message for ann, and still does not know boss's.
    resent.groups[1].memberJoinedAt = [new Date('2026-05-04T09:00:00Z'), null];
    // A partial listing never removes a membership.
    resent.groups[1].memberExternalIds = ['ann@example.com', 'boss@example.com'];
    resent.groups.push({ ...resent.groups[0], externalId: 'C1', memberExternalIds: null });

    await sync(resent);
    expect(await directoryVersion()).toBe(version);
    expect(await stored()).toEqual(written);
  });

  type Change = [what: string, change: (directory: Directory) => void, changedPeople: string[]];
  const changes: Change[] = [
    ['an attribute (level)', (d) => void (d.people[0].level = 3), ['ann@example.com']],
    ['a leaver (end date)', (d) => void (d.people[1].endDate = '2026-06-30'), ['bob@example.com']],
    ['a null attribute set', (d) => void (d.people[1].location = 'Paris'), ['bob@example.com']],
    ['a move to another unit', (d) => void (d.people[0].orgUnitExternalId = 'it'), ['ann@example.com']],
    ['another legacy company', (d) => void (d.people[0].legacyCompanyExternalId = null), ['ann@example.com']],
    ['another manager', (d) => void (d.people[1].managerExternalId = 'ann@example.com'), ['bob@example.com']],
    ['a renamed unit', (d) => void (d.units[2].name = 'Sales & Marketing'), []],
    ['a unit moved under another', (d) => void (d.units[3].parentExternalId = 'acme'), []],
    ['a renamed group', (d) => void (d.groups[0].name = 'general-chat'), []],
    ['a group turned private', (d) => void (d.groups[1].isPrivate = true), []],
    ['a new membership', (d) => d.groups[0].memberExternalIds?.push('boss@example.com'), []],
    [
      'an earlier join time',
      (d) => void (d.groups[1].memberJoinedAt = [new Date('2026-02-02T09:00:00Z'), null]),
      [],
    ],
    [
      'a first known join time',
      (d) => void (d.groups[1].memberJoinedAt = [null, new Date('2026-04-06T09:00:00Z')]),
      [],
    ],
  ];

  it.each(changes)(
    'bumps the version once for %s, rewriting only what changed',
    async (_what, change, changed) => {
      await sync();
      const version = await directoryVersion();
      const before = await stored();

      change(directory);
      await sync();
      expect(await directoryVersion()).toBe(version + 1);
      const after = await stored();
      expect(after).not.toEqual(before);
      // updated_at moves for the changed people only.
      const updatedPeople = after.people
        .filter(
          (row: { updated_at: Date }, i: number) =>
            row.updated_at.getTime() !== before.people[i].updated_at.getTime(),
        )
        .map((row: { pseudonym: string }) => row.pseudonym);
      expect(updatedPeople.sort()).toEqual(changed.map(pseudonymOf).sort());

      // The changed directory sent again is stable in its turn.
      await sync();
      expect(await directoryVersion()).toBe(version + 1);
      expect(await stored()).toEqual(after);
    },
  );

  it('moves the version for a new person, a stub filled by the directory and a new unit', async () => {
    await sync();
    let version = await directoryVersion();
    const bump = async () => {
      const now = await directoryVersion();
      expect(now).toBeGreaterThan(version);
      version = now;
    };

    directory.people.push(person('cyd@example.com'));
    await sync();
    await bump();

    // Seen in activity first: a stub outside the directory, then its entry.
    await ingest(
      dataSource,
      scope,
      (async function* (): AsyncIterable<ConnectorMessage> {
        yield {
          kind: 'usage',
          record: { personExternalId: 'dee@example.com', day: '2026-11-02', metric: 'email.sent', value: 3 },
        };
      })(),
    );
    await bump();
    directory.people.push(person('dee@example.com', { managerExternalId: null }));
    await sync();
    await bump();
    const [dee] = (await stored()).people.filter(
      (row: { pseudonym: string }) => row.pseudonym === pseudonymOf('dee@example.com'),
    );
    expect(dee).toMatchObject({ in_directory: true, unit: 'sales' });

    directory.units.push({ externalId: 'ops', name: 'Ops', kind: 'team', parentExternalId: 'it' });
    await sync();
    await bump();

    await sync();
    expect(await directoryVersion()).toBe(version);
  });
});
