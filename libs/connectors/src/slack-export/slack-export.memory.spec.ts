import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputFile } from '../slack/testing';
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

/** Writes a synthetic export: CHANNELS x DAYS day files of MESSAGES_PER_DAY plain posts each. */
const GENERATOR = `
import json, sys, zipfile, datetime as dt
target, channels, days, per_day = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
users = [{"id": f"U{n:05d}", "profile": {"email": f"person{n}@example.com"}, "deleted": False, "is_bot": False} for n in range(500)]
start = dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc)
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("users.json", json.dumps(users))
    z.writestr("channels.json", json.dumps([{"id": f"C{c:04d}", "name": f"channel-{c}", "members": [u["id"] for u in users[:50]], "created": 1672531200} for c in range(channels)]))
    for c in range(channels):
        for d in range(days):
            day = start + dt.timedelta(days=d)
            base = int(day.timestamp())
            messages = [{"type": "message", "user": f"U{(c * 7 + d + m) % 500:05d}", "text": ("Status update %d: " % m) + "all systems nominal, " * 33, "ts": f"{base + m * 60}.{m:06d}"} for m in range(per_day)]
            z.writestr(f"channel-{c}/{day:%Y-%m-%d}.json", json.dumps(messages))
`;

describe('slackExportConnector on a large export', () => {
  let folder: string;
  let zipPath: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'uptake-slack-export-'));
    zipPath = join(folder, 'large-export.zip');
    execFileSync('python3', [
      '-c',
      GENERATOR,
      zipPath,
      String(CHANNELS),
      String(DAYS),
      String(MESSAGES_PER_DAY),
    ]);
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
