import { MAX_RUN_WARNINGS } from '@uptake/contracts';
import { combineWarnings, readWarnings, TRUNCATED_CODE, WarningSet } from './run-warnings';

const warning = (code: string, count = 1, file?: string) => ({
  code,
  message: `${code} happened`,
  count,
  ...(file ? { file } : {}),
});

describe('WarningSet', () => {
  it('adds up the counts of the same code and file, keeping the first message', () => {
    const set = new WarningSet([warning('a', 2), warning('a', 3), warning('a', 1, 'x.json'), warning('b')]);
    set.add({ code: 'a', message: 'another wording', count: 5 });
    expect(set.toJSON()).toEqual([warning('a', 10), warning('a', 1, 'x.json'), warning('b')]);
  });

  it(`keeps at most ${MAX_RUN_WARNINGS} entries, counting the rest in one`, () => {
    const set = new WarningSet();
    for (let n = 0; n < 120; n++) set.add(warning('skipped', 2, `folder-${n}/`));
    const warnings = set.toJSON();
    expect(warnings).toHaveLength(MAX_RUN_WARNINGS);
    // 49 kept apart, the other 71 (2 each) counted together
    expect(warnings.at(-1)).toMatchObject({ code: TRUNCATED_CODE, count: 142 });
    expect(warnings.filter((w) => w.code === 'skipped')).toHaveLength(MAX_RUN_WARNINGS - 1);
  });

  it('stores only bounded, storable text and whole positive counts', () => {
    const [stored] = new WarningSet([
      { code: 'x'.repeat(300), message: 'a\u0000b\ud800', count: -3, file: 'f'.repeat(2_000) },
    ]).toJSON();
    expect(stored.code).toHaveLength(100);
    expect(stored.message).toBe('a\uFFFDb\uFFFD');
    expect(stored.count).toBe(1);
    expect(stored.file).toHaveLength(1_000);
  });
});

describe('combineWarnings', () => {
  it('counts a resumed attempt’s preamble once and adds what it read after its first checkpoint', () => {
    // attempt 1 committed: the preamble (users.json without addresses: 3) and 4 unlisted reactions
    const committed = [warning('identity', 3, 'users.json'), warning('reactions', 4)];
    // attempt 2 reads the lists again (same 3), then 2 more unlisted reactions and a skipped folder
    const preamble = new WarningSet([warning('identity', 3, 'users.json')]);
    const body = new WarningSet([warning('reactions', 2), warning('folder', 1, 'old/')]);
    expect(combineWarnings(committed, preamble, body)).toEqual([
      warning('identity', 3, 'users.json'),
      warning('reactions', 6),
      warning('folder', 1, 'old/'),
    ]);
    // a first attempt has nothing committed: everything counts
    expect(combineWarnings([], preamble, body)).toEqual([
      warning('identity', 3, 'users.json'),
      warning('reactions', 2),
      warning('folder', 1, 'old/'),
    ]);
  });

  it('reads back only well-formed warnings from a run row', () => {
    expect(readWarnings([warning('a'), { code: 1 }, null, 'x'])).toEqual([warning('a')]);
    expect(readWarnings(null)).toEqual([]);
  });
});
