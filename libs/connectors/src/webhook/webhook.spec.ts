import type { ConnectorMessage, ConnectorState, InputFile } from '@uptake/connector-sdk';
import { readAll } from '@uptake/ingest/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWebhookConnector, validateWebhookBatchShape, webhookConnector } from '.';

const dir = mkdtempSync(join(tmpdir(), 'uptake-webhook-'));
function spool(name: string, body: unknown): InputFile {
  const path = join(dir, name);
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  writeFileSync(path, text);
  return { path, name, size: Buffer.byteLength(text) };
}

const event = (n: number, extra: Record<string, unknown> = {}) => ({
  externalId: `e-${n}`,
  occurredAt: '2026-03-06T08:00:00Z',
  actorId: 'Ann@Example.com',
  type: 'post',
  ...extra,
});

async function read(file: InputFile, state: ConnectorState = {}, connector = webhookConnector) {
  return readAll({ connector }, { settings: {}, file: () => file }, state);
}

describe('validateWebhookBatchShape', () => {
  it('accepts an object with 1..5000 events, whatever the events hold', () => {
    expect(validateWebhookBatchShape({ events: [event(1)] })).toBeNull();
    expect(validateWebhookBatchShape({ events: [42] })).toBeNull();
    expect(
      validateWebhookBatchShape({ events: Array.from({ length: 5_000 }, (_, n) => event(n)) }),
    ).toBeNull();
  });

  it.each([
    [null, 'the body must be a JSON object with an "events" array'],
    [[event(1)], 'the body must be a JSON object with an "events" array'],
    ['events', 'the body must be a JSON object with an "events" array'],
    [{}, 'events must be an array'],
    [{ events: 'e-1' }, 'events must be an array'],
    [{ events: [] }, 'events must hold at least one event'],
    [{ events: Array.from({ length: 5_001 }, (_, n) => event(n)) }, 'events must hold at most 5000 events'],
  ])('rejects %p', (body, message) => {
    expect(validateWebhookBatchShape(body)).toBe(message);
  });
});

describe('webhook connector', () => {
  it('maps camelCase events with the csv validation, e-mails lower-cased, groups before activity', async () => {
    const file = spool('batch-1.json', {
      events: [
        event(1, { groupId: 'g-1', groupName: 'Apollo', contentLength: 10 }),
        event(2, { type: 'reply', groupId: 'g-1', threadId: 'e-1', targetId: 'BOB@example.com', count: 2 }),
      ],
    });
    const messages = await read(file);
    expect(messages).toEqual<ConnectorMessage[]>([
      {
        kind: 'group',
        location: { file: 'batch-1.json', line: 1 },
        record: {
          externalId: 'g-1',
          name: 'Apollo',
          kind: 'channel',
          isPrivate: false,
          memberExternalIds: null,
        },
      },
      {
        kind: 'activity',
        location: { file: 'batch-1.json', line: 1 },
        record: {
          externalId: 'e-1',
          occurredAt: new Date('2026-03-06T08:00:00Z'),
          actorExternalId: 'ann@example.com',
          type: 'post',
          groupExternalId: 'g-1',
          threadExternalId: null,
          targetExternalId: null,
          contentLength: 10,
          count: 1,
        },
      },
      {
        kind: 'activity',
        location: { file: 'batch-1.json', line: 2 },
        record: {
          externalId: 'e-2',
          occurredAt: new Date('2026-03-06T08:00:00Z'),
          actorExternalId: 'ann@example.com',
          type: 'reply',
          groupExternalId: 'g-1',
          threadExternalId: 'e-1',
          targetExternalId: 'bob@example.com',
          contentLength: null,
          count: 2,
        },
      },
      { kind: 'checkpoint', stream: 'activity', state: { line: 2 } },
    ]);
  });

  it('locates a bad event by position and JSON path, naming the camelCase field', async () => {
    const file = spool('batch-2.json', {
      events: [event(1), event(2, { occurredAt: 'soon', type: 'clap' })],
    });
    const problems = (await read(file)).filter((message) => message.kind === 'invalid');
    expect(problems).toEqual([
      {
        kind: 'invalid',
        problem: {
          location: { file: 'batch-2.json', line: 2, field: 'events[1].occurredAt', recordId: 'e-2' },
          reason:
            "occurredAt: 'soon' is not an ISO 8601 date-time (e.g. 2026-01-05T09:30:00Z); " +
            "type: 'clap' is not one of post, reply, reaction, read, mention, share, join, question, answer, " +
            'call, chat (map other names with settings.typeMapping)',
        },
      },
    ]);
  });

  it('checkpoints every N events and resumes after the checkpointed event', async () => {
    const file = spool('batch-3.json', { events: [1, 2, 3, 4, 5].map((n) => event(n)) });
    const connector = createWebhookConnector({ checkpointEvery: 2 });
    const checkpoints = (await read(file, {}, connector)).filter((m) => m.kind === 'checkpoint');
    expect(checkpoints.map((m) => m.kind === 'checkpoint' && m.state)).toEqual([
      { line: 2 },
      { line: 4 },
      { line: 5 },
    ]);
    const resumed = await read(file, { activity: { line: 4 } }, connector);
    expect(resumed.flatMap((m) => (m.kind === 'activity' ? [m.record.externalId] : []))).toEqual(['e-5']);
  });

  it('throws, naming the file, when the spooled batch is unusable', async () => {
    await expect(read(spool('bad.json', '{"events": ['))).rejects.toThrow(
      'webhook batch bad.json is not valid JSON',
    );
    await expect(read(spool('empty.json', { events: [] }))).rejects.toThrow(
      'webhook batch empty.json is unusable: events must hold at least one event',
    );
  });
});
