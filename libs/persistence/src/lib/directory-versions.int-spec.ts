import { testStoreUrls, uniqueSuffix } from '@uptake/testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { Organisation } from './entities/organisation.entity';

describe('directory versions (what the KPI report cache keys on)', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await createDataSource(testStoreUrls().databaseUrl).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const version = async (organisationId: string) => {
    const rows = await dataSource.query(
      'SELECT version, directory_version FROM kpi_rollup_versions WHERE organisation_id = $1',
      [organisationId],
    );
    return rows.map((row: { version: string; directory_version: string }) => ({
      version: Number(row.version),
      directory: Number(row.directory_version),
    }));
  };

  it('bumps once per statement changing people, org units or group members, and only for that organisation', async () => {
    const repository = dataSource.getRepository(Organisation);
    const mine = await repository.save({ name: 'Versions', slug: `versions-${uniqueSuffix()}` });
    const other = await repository.save({ name: 'Other', slug: `versions-other-${uniqueSuffix()}` });
    expect(await version(mine.id)).toEqual([{ version: 0, directory: 0 }]);

    await dataSource.query(
      `INSERT INTO people (organisation_id, pseudonym) VALUES ($1, 'a'), ($1, 'b'), ($1, 'c')`,
      [mine.id],
    );
    expect(await version(mine.id)).toEqual([{ version: 0, directory: 1 }]);
    const [unit] = await dataSource.query(
      `INSERT INTO org_units (organisation_id, name, kind) VALUES ($1, 'Sales', 'department') RETURNING id`,
      [mine.id],
    );
    await dataSource.query(`UPDATE people SET org_unit_id = $2 WHERE organisation_id = $1`, [
      mine.id,
      unit.id,
    ]);
    await dataSource.query(`DELETE FROM people WHERE organisation_id = $1 AND pseudonym = 'c'`, [mine.id]);
    expect(await version(mine.id)).toEqual([{ version: 0, directory: 4 }]);
    expect(await version(other.id)).toEqual([{ version: 0, directory: 0 }]);

    // Deleting an organisation cascades to its people without re-creating its version row.
    await repository.delete([mine.id, other.id]);
    expect(await version(mine.id)).toEqual([]);
  });
});
