import type { DataSource } from 'typeorm';
import { ReportCache, type CacheLookup } from './report-cache';
import type { ReportSnapshots } from './report-snapshots';

/** A data source that only answers the state query, with a state the test moves. */
function stateSource(): { dataSource: DataSource; state: { value: string } } {
  const state = { value: '1:1:UTC:5:true' };
  const dataSource = { query: async () => [{ state: state.value }] } as unknown as DataSource;
  return { dataSource, state };
}

/** An in-memory stand-in for the table, whose writes stay pending until `release()`. */
function fakeSnapshots() {
  const rows = new Map<string, { state: string; answer: unknown }>();
  const waiting: (() => void)[] = [];
  let failReads = false;
  const snapshots = {
    read: async (organisationId: string, keyHash: Buffer, state: string) => {
      if (failReads) throw new Error('database away');
      const row = rows.get(`${organisationId}/${keyHash.toString('hex')}`);
      return row?.state === state ? structuredClone(row.answer) : undefined;
    },
    write: (organisationId: string, keyHash: Buffer, _report: string, state: string, answer: unknown) =>
      new Promise<null>((resolve) =>
        waiting.push(() => {
          rows.set(`${organisationId}/${keyHash.toString('hex')}`, {
            state,
            answer: structuredClone(answer),
          });
          resolve(null);
        }),
      ),
  } as unknown as ReportSnapshots;
  return {
    snapshots,
    rows,
    release: () => waiting.splice(0).forEach((write) => write()),
    failReads: () => (failReads = true),
  };
}

describe('ReportCache', () => {
  it('keys reports by their meaning, not the order of their fields', async () => {
    const { dataSource } = stateSource();
    const cache = new ReportCache(dataSource);
    const compute = jest.fn(async () => ({ n: 1 }));
    await cache.get('org', ['r', { from: 'a', to: 'b' }], compute);
    await cache.get('org', ['r', { to: 'b', from: 'a' }], compute);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('shares a computed answer once written, and not for another state', async () => {
    const { dataSource, state } = stateSource();
    const table = fakeSnapshots();
    const lookups: CacheLookup[] = [];
    const a = new ReportCache(dataSource, 10, { snapshots: table.snapshots, writeSnapshots: true });
    const b = new ReportCache(dataSource, 10, {
      snapshots: table.snapshots,
      onLookup: (r) => lookups.push(r),
    });
    await a.get('org', ['r'], async () => ({ n: 1 }));
    const settled = a.settled();
    table.release();
    await settled;
    expect(await b.get('org', ['r'], async () => ({ n: 2 }))).toEqual({ n: 1 });
    state.value = '2:1:UTC:5:true';
    expect(await b.get('org', ['r'], async () => ({ n: 3 }))).toEqual({ n: 3 });
    expect(lookups).toEqual(['snapshot', 'miss']);
  });

  it('only reads the table without writeSnapshots (the API: a GET never writes)', async () => {
    const { dataSource } = stateSource();
    const table = fakeSnapshots();
    const reader = new ReportCache(dataSource, 10, { snapshots: table.snapshots });
    expect(await reader.get('org', ['r'], async () => 'computed')).toBe('computed');
    const settled = reader.settled();
    table.release();
    await settled;
    expect(table.rows.size).toBe(0);
  });

  it('computes when the table cannot be read, and tells why', async () => {
    const { dataSource } = stateSource();
    const table = fakeSnapshots();
    table.failReads();
    const errors: unknown[] = [];
    const cache = new ReportCache(dataSource, 10, {
      snapshots: table.snapshots,
      onSnapshotError: (error) => errors.push(error),
    });
    expect(await cache.get('org', ['r'], async () => 'computed')).toBe('computed');
    expect(errors).toHaveLength(1);
  });

  it('drops writes beyond a few in flight instead of queueing them without bound', async () => {
    const { dataSource } = stateSource();
    const table = fakeSnapshots();
    const cache = new ReportCache(dataSource, 100, { snapshots: table.snapshots, writeSnapshots: true });
    for (let i = 0; i < 20; i++) await cache.get('org', ['r', i], async () => i);
    const settled = cache.settled();
    table.release();
    await settled;
    expect(table.rows.size).toBe(8);
  });

  it('forgets the least recently used entries beyond its capacity', async () => {
    const { dataSource } = stateSource();
    const cache = new ReportCache(dataSource, 2);
    const compute = jest.fn(async () => 'x');
    await cache.get('org', ['a'], compute);
    await cache.get('org', ['b'], compute);
    await cache.get('org', ['a'], compute);
    await cache.get('org', ['c'], compute);
    await cache.get('org', ['a'], compute);
    expect(compute).toHaveBeenCalledTimes(3);
    await cache.get('org', ['b'], compute);
    expect(compute).toHaveBeenCalledTimes(4);
  });
});
