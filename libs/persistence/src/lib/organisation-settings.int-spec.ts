import { createEmptyDatabase } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { createDataSource, MIGRATIONS } from './data-source';
import { OrganisationSettings1765100000000 } from './migrations/1765100000000-organisation-settings';
import { isPostgresTimeZone, organisationEventSpan } from './organisation-settings';

describe('organisation settings in the schema', () => {
  let database: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;
  let organisationId: string;
  const valueModel = async (name: string) =>
    (await dataSource.query('SELECT value_model FROM business_goals WHERE name = $1', [name]))[0].value_model;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    // The schema as it was before this migration, with goals as the API used to store them.
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(OrganisationSettings1765100000000));
    const earlier = await createDataSource(database.url, { migrations: before }).initialize();
    await earlier.runMigrations();
    [{ id: organisationId }] = await earlier.query(
      `INSERT INTO organisations (name, slug) VALUES ('Acme', 'acme') RETURNING id`,
    );
    const goal = (name: string, model: object) =>
      earlier.query(
        `INSERT INTO business_goals (organisation_id, name, kpi, baseline, target, value_model)
         VALUES ($1, $2, 'adoption_rate', 0, 1, $3)`,
        [organisationId, name, JSON.stringify(model)],
      );
    const timeSaved = { kind: 'time-saved', minutesPerActivePersonPerDay: 5, currency: 'EUR' };
    await goal('filled-in 220', { ...timeSaved, hourlyCost: 60, workingDaysPerYear: 220 });
    await goal('own 230', { ...timeSaved, hourlyCost: 80, workingDaysPerYear: 230 });
    await goal('no model', {});
    await earlier.destroy();
    // Up to this migration only, so that undoing the last migration undoes this one whatever comes after it.
    const upToThis = MIGRATIONS.slice(0, MIGRATIONS.indexOf(OrganisationSettings1765100000000) + 1);
    dataSource = await createDataSource(database.url, { migrations: upToThis }).initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('gives organisations 220 working days and an hourly cost of 60, and lets goals that had the filled-in 220 follow them', async () => {
    expect(
      await dataSource.query(
        'SELECT working_days_per_year AS days, default_hourly_cost::float8 AS cost FROM organisations',
      ),
    ).toEqual([{ days: 220, cost: 60 }]);
    expect(await valueModel('filled-in 220')).toEqual({
      kind: 'time-saved',
      minutesPerActivePersonPerDay: 5,
      currency: 'EUR',
      hourlyCost: 60,
    });
    expect(await valueModel('own 230')).toMatchObject({ workingDaysPerYear: 230, hourlyCost: 80 });
    expect(await valueModel('no model')).toEqual({});
  });

  it.each([
    ['working_days_per_year = 0'],
    ['working_days_per_year = 367'],
    ['default_hourly_cost = -0.01'],
    ['default_hourly_cost = 10000.01'],
    ['min_group_size = 1'],
  ])('refuses %s', async (assignment) => {
    await expect(
      dataSource.query(`UPDATE organisations SET ${assignment} WHERE id = $1`, [organisationId]),
    ).rejects.toThrow(/violates check constraint/);
  });

  it("knows the database's zone names exactly as spelt, and the span of an organisation's events", async () => {
    expect(await isPostgresTimeZone(dataSource.manager, 'Europe/Berlin')).toBe(true);
    expect(await isPostgresTimeZone(dataSource.manager, 'UTC')).toBe(true);
    expect(await isPostgresTimeZone(dataSource.manager, 'Europe/berlin')).toBe(false);
    expect(await isPostgresTimeZone(dataSource.manager, 'Mars/Olympus_Mons')).toBe(false);
    expect(await organisationEventSpan(dataSource.manager, organisationId)).toBeNull();
  });

  it('goes down again with every goal holding both figures, as the code before it needs', async () => {
    await dataSource.query('UPDATE organisations SET default_hourly_cost = 70.5 WHERE id = $1', [
      organisationId,
    ]);
    await dataSource.undoLastMigration();
    expect(await valueModel('filled-in 220')).toMatchObject({ workingDaysPerYear: 220, hourlyCost: 60 });
    expect(await valueModel('own 230')).toMatchObject({ workingDaysPerYear: 230, hourlyCost: 80 });
    expect(await valueModel('no model')).toEqual({});
    const columns = await dataSource.query(
      `SELECT column_name FROM information_schema.columns
       WHERE table_name = 'organisations' AND column_name IN ('working_days_per_year', 'default_hourly_cost')`,
    );
    expect(columns).toEqual([]);
  });
});
