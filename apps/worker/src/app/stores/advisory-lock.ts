import type { DataSource } from 'typeorm';

export interface AdvisoryLock {
  release(): Promise<void>;
}

/**
 * A session-level Postgres advisory lock on a dedicated connection: held until released or, if the process
 * dies, until its connection closes. Null when another session holds it.
 */
export async function tryAdvisoryLock(dataSource: DataSource, key: string): Promise<AdvisoryLock | null> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    const [{ locked }] = await queryRunner.query(
      'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
      [key],
    );
    if (!locked) {
      await queryRunner.release();
      return null;
    }
  } catch (error) {
    await queryRunner.release();
    throw error;
  }
  return {
    release: async () => {
      await queryRunner
        .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key])
        .finally(() => queryRunner.release());
    },
  };
}
