import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activitiesOf, inputFile, readSlackConnector } from '../shared/slack/testing';
import {
  repeatedBytes,
  understateEntrySize,
  writeZip,
  type ZipEntryContent,
} from '../shared/testing/zip-fixture';
import { slackExportConnector } from '.';
import { ZipArchive } from '../shared/zip/zip-archive';
import { MAX_ENTRY_BYTES, SLACK_EXPORT_ZIP } from './zip-limits';

const MB = 2 ** 20;

const CHANNELS: [string, string] = [
  'channels.json',
  JSON.stringify([{ id: 'C1', name: 'general', members: ['U1', 'U2', 'U3'] }]),
];

/**
 * Zips built on the fly (nothing large is committed): a users.json of 500 MB of blanks inside a JSON list
 * (deflates to about half a megabyte), the same with a table of contents that understates its size, an
 * archive with more entries than allowed, and a users.json whose addresses are not UTF-8.
 */
const ZIPS: Record<string, () => [string, ZipEntryContent][]> = {
  'blank-users': () => [CHANNELS, ['users.json', () => repeatedBytes('[', Buffer.alloc(MB, ' '), 500, ']')]],
  'lying-users': () => ZIPS['blank-users'](),
  entries: () => [
    CHANNELS,
    ['users.json', '[]'],
    ...[1, 2, 3, 4, 5].map((day): [string, string] => [`general/2024-03-0${day}.json`, '[]']),
  ],
  'bad-bytes': () => [
    CHANNELS,
    [
      'users.json',
      Buffer.concat([
        Buffer.from('[{"id":"U1","profile":{"email":"ann'),
        Buffer.from([0xff]),
        Buffer.from('@x.org"}},{"id":"U2","profile":{"email":"ann'),
        Buffer.from([0xfe]),
        Buffer.from('@x.org"}},{"id":"U3","profile":{"email":"bob@x.org"}}]'),
      ]),
    ],
    [
      'general/2024-03-04.json',
      JSON.stringify(
        ['U1', 'U2', 'U3'].map((user, n) => ({
          type: 'message',
          user,
          text: 'hi',
          ts: `170955000${n}.000100`,
        })),
      ),
    ],
  ],
};

/** Heap and buffers may grow by this much while reading (the entry cap is 64 MB; reading 500 MB would need far more). */
const MEMORY_BOUND_BYTES = 200 * MB;

describe('slackExportConnector on hostile archives', () => {
  let folder: string;
  const zip = async (kind: string) => {
    const path = join(folder, `${kind}.zip`);
    await writeZip(path, ZIPS[kind]());
    // Understate users.json's inflated size in both headers: 1,000 bytes instead of 500 MB.
    if (kind === 'lying-users') await understateEntrySize(path, 'users.json', 1000);
    return path;
  };

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'uptake-hostile-zip-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** Reads the export to its end, sampling memory (heap + buffers) as it goes. */
  async function readMeasured(path: string): Promise<{ error: Error | null; growth: number }> {
    global.gc?.();
    const used = () => {
      const memory = process.memoryUsage();
      return memory.heapUsed + memory.arrayBuffers;
    };
    const baseline = used();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, used())), 5);
    let error: Error | null = null;
    try {
      await readSlackConnector(slackExportConnector, { file: path });
    } catch (caught) {
      error = caught as Error;
    } finally {
      clearInterval(sampler);
    }
    return { error, growth: Math.max(peak, used()) - baseline };
  }

  it(`fails the run on a 500 MB users.json, naming it and the ${MAX_ENTRY_BYTES / MB} MB cap, without holding it`, async () => {
    const path = await zip('blank-users');
    expect(inputFile(path).size).toBeLessThan(5 * MB);
    const { error, growth } = await readMeasured(path);
    expect(error?.message).toBe(
      'blank-users.zip: users.json inflates to more than 64 MB, the most one archive entry may hold',
    );
    expect(growth).toBeLessThan(MEMORY_BOUND_BYTES);
  }, 120_000);

  it('does not trust a table of contents that understates the size', async () => {
    const path = await zip('lying-users');
    const { error, growth } = await readMeasured(path);
    expect(error?.message).toMatch(/^lying-users\.zip: users\.json cannot be unzipped: /);
    expect(growth).toBeLessThan(MEMORY_BOUND_BYTES);
  }, 120_000);

  it('refuses an archive listing more entries than allowed, naming the file and the limit', async () => {
    const path = await zip('entries');
    await expect(
      ZipArchive.open(path, 'entries.zip', { ...SLACK_EXPORT_ZIP, maxEntries: 4, maxEntryBytes: MB }),
    ).rejects.toThrow(
      'entries.zip lists more than 4 entries, the most an archive may hold: export fewer days or channels at a time',
    );
    const archive = await ZipArchive.open(path, 'entries.zip', {
      ...SLACK_EXPORT_ZIP,
      maxEntries: 7,
      maxEntryBytes: MB,
    });
    expect(archive.entries).toHaveLength(7);
    archive.close();
  });

  it('quarantines users whose address is not UTF-8 instead of merging them into one person', async () => {
    const messages = await readSlackConnector(slackExportConnector, { file: await zip('bad-bytes') });
    expect(messages.filter((m) => m.kind === 'invalid')).toEqual(
      [1, 2].map((line) => ({
        kind: 'invalid',
        problem: {
          location: { file: 'users.json', line, field: 'profile.email' },
          reason:
            'profile.email contains U+FFFD (bytes that were not valid UTF-8): it could merge two different people',
        },
      })),
    );
    // Their messages keep the Slack user id: two people, neither merged with anyone.
    expect(activitiesOf(messages).map((a) => a.actorExternalId)).toEqual(['U1', 'U2', 'bob@x.org']);
  });
});
