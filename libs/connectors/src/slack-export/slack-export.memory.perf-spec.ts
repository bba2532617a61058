import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputFile } from '../shared/slack/testing';
import { lazyText, writeZip, type ZipEntryContent } from '../shared/testing/zip-fixture';
import { HttpClient, parseConnectorConfig } from '@uptake/connector-sdk';
import { slackExportConnector } from '.';

const CHANNELS = 10;
const DAYS = 200;
const MESSAGES_PER_DAY = 100;
/**
 * RSS growth allowed while reading (about 100 MB measured, mostly garbage not yet collected). Messages
 * carry ~700 characters of text, so the export inflates to ~160 MB, more than the bound: holding it
 * all would fail. The connector holds one day file (~80 KB) at a time.
 */
const RSS_BOUND_BYTES = 150 * 2 ** 20;

/** A synthetic export: CHANNELS x DAYS day files of MESSAGES_PER_DAY plain posts each, made entry by entry. */
function* syntheticExport(): Generator<[string, ZipEntryContent]> {
  const users = Array.from({ length: 500 }, (_, n) => ({
    id: `U${String(n).padStart(5, '0')}`,
    profile: { email: `person${n}@example.com` },
    deleted: false,
    is_bot: false,
  }));
  yield ['users.json', JSON.stringify(users)];
  const members = users.slice(0, 50).map((user) => user.id);
  const channels = Array.from({ length: CHANNELS }, (_, c) => ({
    id: `C${String(c).padStart(4, '0')}`,
    name: `channel-${c}`,
    members,
    created: 1672531200,
  }));
  yield ['channels.json', JSON.stringify(channels)];
  const start = Date.UTC(2023, 0, 1) / 1000;
  for (let c = 0; c < CHANNELS; c++) {
    for (let d = 0; d < DAYS; d++) {
      const base = start + d * 86_400;
      const messages = () =>
        Array.from({ length: MESSAGES_PER_DAY }, (_, m) => ({
          type: 'message',
          user: `U${String((c * 7 + d + m) % 500).padStart(5, '0')}`,
          text: `Status update ${m}: ` + 'all systems nominal, '.repeat(33),
          ts: `${base + m * 60}.${String(m).padStart(6, '0')}`,
        }));
      const day = new Date(base * 1000).toISOString().slice(0, 10);
      yield [`channel-${c}/${day}.json`, lazyText(() => JSON.stringify(messages()))];
    }
  }
}

describe('slackExportConnector on a large export', () => {
  let folder: string;
  let zipPath: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'uptake-slack-export-'));
    zipPath = join(folder, 'large-export.zip');
    await writeZip(zipPath, syntheticExport());
  }, 120_000);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it(`reads ${CHANNELS * DAYS * MESSAGES_PER_DAY} messages entry by entry, within ${RSS_BOUND_BYTES / 2 ** 20} MB of RSS growth`, async () => {
    const { settings, credentials } = parseConnectorConfig(slackExportConnector, {}, {});
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let activities = 0;
    let checkpoints = 0;
    for await (const message of slackExportConnector.read({
      settings,
      credentials,
      state: {},
      file: inputFile(zipPath),
      http: new HttpClient(),
      signal: new AbortController().signal,
      progress: () => undefined,
      log: { info: () => undefined, warn: () => undefined },
      now: () => new Date('2024-01-01T00:00:00Z'),
    })) {
      if (message.kind === 'activity') {
        if (++activities % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
      } else if (message.kind === 'checkpoint' && message.stream === 'activity') {
        checkpoints++;
      } else if (message.kind === 'invalid') {
        throw new Error(`unexpected problem: ${message.problem.reason}`);
      }
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    // Every message is a plain post: one activity each, one checkpoint per day file.
    expect(activities).toBe(CHANNELS * DAYS * MESSAGES_PER_DAY);
    expect(checkpoints).toBe(CHANNELS * DAYS);
    expect(peak - baseline).toBeLessThan(RSS_BOUND_BYTES);
  }, 120_000);
});
