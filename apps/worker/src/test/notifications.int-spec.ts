import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import { refreshRollups } from '@uptake/kpi';
import {
  ActivitySource,
  createDataSource,
  dataSourceOptions,
  migrate,
  NotificationDelivery,
  Organisation,
  User,
} from '@uptake/persistence';
import { DEFAULT_JOB_OPTIONS, QUEUES, redisConnectionOptions } from '@uptake/queues';
import { encryptSecret } from '@uptake/security';
import { createEmptyDatabase, testConfig, testStoreUrls, uniqueSuffix } from '@uptake/testing';
import IORedis from 'ioredis';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { UPTAKE_CONFIG } from '../app/config.tokens';
import { KPI_PROVIDERS } from '../app/kpi-providers';
import { NOTIFICATION_PROVIDERS } from '../app/notifications/notification-providers';
import { NotificationsProcessor } from '../app/notifications/notifications.processor';
import { NOTIFICATION_OPTIONS, NotificationsQueue } from '../app/notifications/notifications.queue';
import { eventually, redisDb } from './support';

/**
 * Digests and alerts end to end, in process: the notifications providers of the worker on a database of
 * their own (no other test file's members or rules) and Redis database 9, a real SMTP server (smtp-server,
 * parsed with mailparser) and a real HTTP receiver for Slack and Teams. The tick is driven with a chosen
 * clock; the delivery jobs run on the real queue with short backoffs.
 */

const REDIS_DB = 9;
const PUBLIC_URL = 'https://uptake.test';

@Module({})
class NotificationsTestModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: NotificationsTestModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(config.database.url)),
        BullModule.forRoot({
          connection: redisConnectionOptions(config.redis.url),
          defaultJobOptions: DEFAULT_JOB_OPTIONS,
        }),
        BullModule.registerQueue({ name: QUEUES.notifications }),
      ],
      providers: [
        { provide: UPTAKE_CONFIG, useValue: config },
        ...KPI_PROVIDERS,
        ...NOTIFICATION_PROVIDERS,
        { provide: NOTIFICATION_OPTIONS, useValue: { baseDelayMs: 200, attempts: 3, scheduleTick: false } },
      ],
    };
  }
}

interface Mailbox {
  url: string;
  mails: ParsedMail[];
  close(): Promise<void>;
}

async function startMailbox(): Promise<Mailbox> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    // bounce@ is refused for good (550), busy@ for now (451).
    onRcptTo(address, _session, callback) {
      const refusal = { 'bounce@notify.test': 550, 'busy@notify.test': 451 }[address.address];
      if (!refusal) return callback();
      callback(
        Object.assign(new Error(refusal === 550 ? 'no such mailbox' : 'try again later'), {
          responseCode: refusal,
        }),
      );
    },
    onData(stream, _session, callback) {
      simpleParser(stream, { keepCidLinks: true })
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A webhook receiver: each path answers the statuses it is given in turn (the last one from then on). */
interface Receiver {
  url(path: string): string;
  answer(path: string, ...statuses: (number | [number, Record<string, string>])[]): void;
  posts(path: string): { at: number; body: unknown }[];
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const answers = new Map<string, (number | [number, Record<string, string>])[]>();
  const posts = new Map<string, { at: number; body: unknown }[]>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      posts.set(path, [
        ...(posts.get(path) ?? []),
        { at: Date.now(), body: JSON.parse(Buffer.concat(chunks).toString()) },
      ]);
      const queue = answers.get(path) ?? [200];
      const next = queue.length > 1 ? queue.shift()! : queue[0];
      const [status, headers] = Array.isArray(next) ? next : [next, {}];
      res.writeHead(status, headers).end(status === 400 ? 'invalid_payload' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (path) => `${base}${path}`,
    answer: (path, ...statuses) => answers.set(path, statuses),
    posts: (path) => posts.get(path) ?? [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('notifications: digests and alerts', () => {
  let database: { url: string; drop(): Promise<void> };
  let config: ResolvedConfig;
  let dataSource: DataSource;
  let app: INestApplicationContext;
  let processor: NotificationsProcessor;
  let queue: NotificationsQueue;
  let mailbox: Mailbox;
  let receiver: Receiver;
  let redis: IORedis;
  let org: Organisation;
  let source: ActivitySource;
  const users: Record<string, User> = {};

  const q = (sql: string, params: unknown[] = []) => dataSource.query(sql, params);

  /** Ticks at `now`, waiting for another tick to finish first (the advisory lock). */
  async function tick(now: string): Promise<number> {
    for (;;) {
      const queued = await processor.tick(new Date(now));
      if (queued !== null) return queued;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const deliveriesOf = (userId: string): Promise<NotificationDelivery[]> =>
    dataSource.getRepository(NotificationDelivery).find({ where: { userId }, order: { id: 'ASC' } });

  const mailsTo = (address: string) =>
    mailbox.mails.filter((mail) =>
      (Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) => to?.text.includes(address)),
    );

  async function member(role: string, label: string, locale: string | null = null): Promise<User> {
    const user = await dataSource
      .getRepository(User)
      .save({ email: `${label}.${uniqueSuffix()}@notify.test`, passwordHash: '!', locale: locale as never });
    await q(`INSERT INTO memberships (organisation_id, user_id, role) VALUES ($1, $2, $3)`, [
      org.id,
      user.id,
      role,
    ]);
    users[label] = user;
    return user;
  }

  async function rule(
    userId: string,
    condition: object,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    const [row] = await q(
      `INSERT INTO alert_rules (organisation_id, user_id, name, kind, condition, channels, muted_until, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        (extra['organisationId'] as string) ?? org.id,
        userId,
        (extra['name'] as string) ?? 'test rule',
        (condition as { kind: string }).kind,
        JSON.stringify(condition),
        (extra['channels'] as string[]) ?? ['email'],
        (extra['mutedUntil'] as Date) ?? null,
        JSON.stringify(extra['state'] ?? {}),
      ],
    );
    return row.id;
  }

  beforeAll(async () => {
    database = await createEmptyDatabase();
    await migrate(database.url);
    const redisUrl = redisDb(testStoreUrls().redisUrl, REDIS_DB);
    redis = new IORedis(redisUrl);
    await redis.flushdb();
    mailbox = await startMailbox();
    receiver = await startReceiver();
    config = testConfig({
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      SMTP_URL: mailbox.url,
      PUBLIC_URL,
    });
    dataSource = await createDataSource(database.url).initialize();
    org = await dataSource.getRepository(Organisation).save({
      name: 'Notify BV',
      slug: `notify-${uniqueSuffix()}`,
      minGroupSize: 3,
      perturbation: false,
      timeZone: 'Europe/Amsterdam',
    });
    source = await dataSource
      .getRepository(ActivitySource)
      .save({ organisationId: org.id, name: 'Yammer export', connectorType: 'csv' });
    await seedActivity();
    app = await NestFactory.createApplicationContext(NotificationsTestModule.forRoot(config), {
      logger: false,
    });
    await app.init();
    processor = app.get(NotificationsProcessor);
    queue = app.get(NotificationsQueue);
  });

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
    await database?.drop();
    await redis?.flushdb();
    await redis?.quit();
    await mailbox?.close();
    await receiver?.close();
  });

  /**
   * Four people in the directory (k = 3). Week of 16 November: only p1 is active (1 person: withheld).
   * Week of 23 November: p1, p2 and p3 on Sunday 29 November, the last active day: weekly active 3 / 4 = 75%.
   */
  async function seedActivity(): Promise<void> {
    const people: Record<string, string> = {};
    for (const key of ['p1', 'p2', 'p3', 'p4']) {
      const [row] = await q(
        `INSERT INTO people (organisation_id, pseudonym, in_directory) VALUES ($1, $2, true) RETURNING id`,
        [org.id, `notify-pseudonym-${key}`],
      );
      people[key] = row.id;
    }
    const events: [string, string, string][] = [
      ['e1', '2026-11-17T10:00:00Z', 'p1'],
      ['e2', '2026-11-29T10:00:00Z', 'p1'],
      ['e3', '2026-11-29T11:00:00Z', 'p2'],
      ['e4', '2026-11-29T12:00:00Z', 'p3'],
    ];
    for (const [id, at, actor] of events) {
      await q(
        `INSERT INTO activity_events (organisation_id, source_id, external_id, occurred_at, actor_id, type)
         VALUES ($1, $2, $3, $4, $5, 'post')`,
        [org.id, source.id, id, at, people[actor]],
      );
    }
    await refreshRollups(dataSource, org.id, { from: '2026-11-01T00:00:00Z', to: '2026-11-30T00:00:00Z' });
  }

  describe('digests', () => {
    let executive: User;
    let dutch: User;

    beforeAll(async () => {
      executive = await member('executive', 'exec');
      dutch = await member('executive', 'dutch', 'nl');
    });

    it('sends each member one digest a period however often the scheduler ticks', async () => {
      // Monday 7 December 2026, 08:01 and 08:02 in Amsterdam (CET, +1): the default Monday 08:00 is due.
      // An hour before it is due, nothing (last week's is more than 12 hours late).
      await tick('2026-12-07T06:01:00Z');
      expect(await deliveriesOf(executive.id)).toEqual([]);
      await tick('2026-12-07T07:01:00Z');
      await tick('2026-12-07T07:02:00Z');
      expect((await deliveriesOf(executive.id)).map((d) => d.period)).toEqual(['2026-W50']);
      await eventually(
        () => deliveriesOf(executive.id),
        (rows) => rows[0]?.status === 'sent',
        20_000,
        'digest sent',
      );
      const [row] = await deliveriesOf(executive.id);
      expect({
        status: row.status,
        attempts: row.attempts,
        kind: row.kind,
        recipient: row.recipient,
      }).toEqual({
        status: 'sent',
        attempts: 1,
        kind: 'digest',
        recipient: executive.email,
      });
      expect(mailsTo(executive.email)).toHaveLength(1);
    });

    it('holds the report’s figures, an inline chart and the dashboard link, and nothing about anyone', async () => {
      const [mail] = mailsTo(executive.email);
      expect(mail.subject).toBe('Uptake weekly digest for Notify BV: week of 29 November 2026');
      // The week of 23 November: 3 of 4 people active (hand-computed above).
      expect(mail.text).toContain('Weekly active people (share of eligible), week of 23 November 2026: 75%');
      expect(mail.text).toContain(`Open the dashboard: ${PUBLIC_URL}/overview?org=${org.id}`);
      expect(mail.html).toContain(`href="${PUBLIC_URL}/overview?org=${org.id}"`);
      const png = mail.attachments.find((a) => a.contentType === 'image/png');
      expect(png?.contentId).toBeDefined();
      expect(mail.html).toContain(`cid:${png!.contentId!.replace(/[<>]/g, '')}`);
      expect(png!.content.subarray(1, 4).toString()).toBe('PNG');
      const everything = [mail.text, mail.html, ...mail.headerLines.map((h) => h.line)].join('\n');
      expect(everything).not.toContain('notify-pseudonym');
      expect(everything).not.toContain(dutch.email);
      // The week of 16 November rests on one person: its 25% must not appear.
      expect(everything).not.toContain('25%');
    });

    it('writes the digest in Dutch for a member whose language is nl', async () => {
      await eventually(
        async () => mailsTo(dutch.email),
        (mails) => mails.length === 1,
        20_000,
        'Dutch digest',
      );
      const [mail] = mailsTo(dutch.email);
      expect(mail.subject).toBe('Uptake weekoverzicht voor Notify BV: week van 29 november 2026');
      expect(mail.text).toContain('week van 23 november 2026: 75%');
    });

    it('is due at 08:00 local in the week clocks change (Monday 29 March 2027, CEST +2)', async () => {
      const summer = await member('executive', 'summer');
      await tick('2027-03-29T05:59:00Z');
      expect(await deliveriesOf(summer.id)).toEqual([]);
      await tick('2027-03-29T06:00:00Z');
      await tick('2027-03-29T07:00:00Z');
      expect((await deliveriesOf(summer.id)).map((d) => d.period)).toEqual(['2027-W13']);
    });
  });

  describe('alerts', () => {
    let maintainer: User;
    let manager: User;

    beforeAll(async () => {
      maintainer = await member('connector_maintainer', 'maintainer');
      manager = await member('change_manager', 'manager');
      await q(
        `INSERT INTO notification_settings (organisation_id, user_id, quiet_start, quiet_end) VALUES ($1, $2, '22:00', '07:00')`,
        [org.id, maintainer.id],
      );
      await q(
        `INSERT INTO sync_runs (organisation_id, source_id, status, error, finished_at) VALUES ($1, $2, 'failed', 'boom', now())`,
        [org.id, source.id],
      );
    });

    it('holds an alert in quiet hours and sends it when they end', async () => {
      const id = await rule(maintainer.id, { kind: 'source_failing', sourceId: null });
      // Tuesday 8 December, 23:30 in Amsterdam: quiet until 07:00 (06:00 UTC).
      await tick('2026-12-08T22:30:00Z');
      const [held] = (await deliveriesOf(maintainer.id)).filter((d) => d.ruleId === id);
      expect({ status: held.status, heldUntil: held.heldUntil?.toISOString() }).toEqual({
        status: 'held',
        heldUntil: '2026-12-09T06:00:00.000Z',
      });
      await tick('2026-12-09T05:59:00Z');
      expect(
        (
          await dataSource
            .getRepository(NotificationDelivery)
            .findOneByOrFail({ organisationId: org.id, id: held.id })
        ).status,
      ).toBe('held');
      expect(mailsTo(maintainer.email)).toEqual([]);
      // Created a minute before its release on this clock: only the release can queue it, not the tick's
      // re-queue of deliveries whose job may have been lost (those are minutes old).
      await q(`UPDATE notification_deliveries SET created_at = '2026-12-09T05:59:00Z' WHERE id = $1`, [
        held.id,
      ]);
      await tick('2026-12-09T06:00:00Z');
      await eventually(
        () =>
          dataSource
            .getRepository(NotificationDelivery)
            .findOneByOrFail({ organisationId: org.id, id: held.id }),
        (row) => row.status === 'sent',
        20_000,
        'held alert sent',
      );
      const [mail] = mailsTo(maintainer.email);
      expect(mail.subject).toBe('Data source failing: Yammer export');
      // The same failing episode does not fire again.
      await tick('2026-12-09T06:05:00Z');
      expect((await deliveriesOf(maintainer.id)).filter((d) => d.ruleId === id)).toHaveLength(1);
    });

    it('sends nothing for a muted rule', async () => {
      const id = await rule(
        maintainer.id,
        { kind: 'source_failing', sourceId: null },
        { mutedUntil: new Date('2030-01-01T00:00:00Z') },
      );
      await tick('2026-12-09T12:00:00Z');
      expect((await deliveriesOf(maintainer.id)).filter((d) => d.ruleId === id)).toEqual([]);
    });

    it('fires a threshold alert once per crossing, never for the side it stays on', async () => {
      const above = await rule(manager.id, {
        kind: 'kpi_threshold',
        kpi: 'weekly_active_rate',
        direction: 'above',
        value: 0.5,
        population: null,
      });
      const below = await rule(manager.id, {
        kind: 'kpi_threshold',
        kpi: 'weekly_active_rate',
        direction: 'below',
        value: 0.5,
        population: null,
      });
      await tick('2026-12-09T12:00:00Z');
      await tick('2026-12-09T12:01:00Z');
      const fired = async (ruleId: string) =>
        (await deliveriesOf(manager.id)).filter((d) => d.ruleId === ruleId);
      expect((await fired(above)).map((d) => d.subject)).toEqual(['Weekly active share is above 50%: 75%']);
      expect(await fired(below)).toEqual([]);
      // The figure went back under (as a later reading would say), then crosses again: a second alert.
      await q(`UPDATE alert_rules SET state = state || '{"beyond": false}' WHERE id = $1`, [above]);
      await tick('2026-12-09T12:02:00Z');
      expect(await fired(above)).toHaveLength(2);
      const [state] = await q(`SELECT state FROM alert_rules WHERE id = $1`, [above]);
      expect(state.state).toMatchObject({ beyond: true, crossings: 2 });
    });

    it('alerts on a gate status change and on a phase move after the rule was made', async () => {
      const [plan] = await q(
        `INSERT INTO rollout_plans (organisation_id, name, status) VALUES ($1, 'Rollout 2027', 'active') RETURNING id`,
        [org.id],
      );
      const phase = async (name: string, position: number) =>
        (
          await q(
            `INSERT INTO rollout_phases (organisation_id, plan_id, position, name) VALUES ($1, $2, $3, $4) RETURNING id`,
            [org.id, plan.id, position, name],
          )
        )[0].id as string;
      const pilot = await phase('Pilot', 0);
      const wave = await phase('Wave 1', 1);
      const evaluation = (status: string, at: string) =>
        q(
          `INSERT INTO rollout_gate_evaluations (organisation_id, plan_id, phase_id, evaluated_at, as_of, trigger, status, criteria)
           VALUES ($1, $2, $3, $4, '2026-11-29', 'schedule', $5, '[]')`,
          [org.id, plan.id, pilot, at, status],
        );
      // An evaluation before the rule existed is history, not news.
      await evaluation('pass', new Date(Date.now() - 3_600_000).toISOString());
      const id = await rule(manager.id, { kind: 'gate_status_changed', planId: plan.id });
      await new Promise((resolve) => setTimeout(resolve, 20));
      await evaluation('pass', new Date().toISOString());
      await evaluation('at-risk', new Date(Date.now() + 1).toISOString());
      await q(
        `INSERT INTO rollout_transitions (organisation_id, plan_id, from_phase_id, to_phase_id, gate_status) VALUES ($1, $2, $3, $4, 'at-risk')`,
        [org.id, plan.id, pilot, wave],
      );
      await tick('2026-12-10T12:00:00Z');
      await tick('2026-12-10T12:01:00Z');
      const subjects = (await deliveriesOf(manager.id)).filter((d) => d.ruleId === id).map((d) => d.subject);
      expect(subjects.sort()).toEqual([
        'Gate status changed: Rollout 2027 – Pilot is now at risk',
        'Rollout moved on: Rollout 2027',
      ]);
    });
  });

  describe('webhook deliveries', () => {
    let owner: User;

    /** An organisation whose Slack webhook is `path` of the receiver, with one queued alert to it. */
    async function alertVia(path: string): Promise<{ organisationId: string; id: string }> {
      const organisation = await dataSource
        .getRepository(Organisation)
        .save({ name: `hooks ${path}`, slug: `hooks-${uniqueSuffix()}`, timeZone: 'UTC' });
      await q(
        `INSERT INTO notification_channels (organisation_id, kind, webhook_url, host) VALUES ($1, 'slack', $2, '127.0.0.1')`,
        [organisation.id, encryptSecret(config.secretKey, receiver.url(path))],
      );
      const [row] = await q(
        `INSERT INTO notification_deliveries (organisation_id, kind, user_id, channel, recipient, subject, payload, status)
         VALUES ($1, 'alert', $2, 'slack', 'slack', 'test alert', $3, 'queued') RETURNING id::text`,
        [
          organisation.id,
          owner.id,
          JSON.stringify({ subject: 'test alert', text: 'x', body: { text: `to ${path}` } }),
        ],
      );
      return { organisationId: organisation.id, id: row.id };
    }

    const rowOf = (key: { organisationId: string; id: string }) =>
      dataSource.getRepository(NotificationDelivery).findOneByOrFail(key);

    beforeAll(async () => {
      owner = await member('admin', 'hook-owner');
    });

    it('retries a 429 after its Retry-After and a 500 with backoff; gives up on a 400 at once; never blocks the others', async () => {
      receiver.answer('/limited', [429, { 'Retry-After': '1' }], 200);
      receiver.answer('/down', 500);
      receiver.answer('/bad', 400);
      receiver.answer('/ok', 200);
      const limited = await alertVia('/limited');
      const down = await alertVia('/down');
      const bad = await alertVia('/bad');
      const ok = await alertVia('/ok');
      await queue.deliver([down, bad, limited, ok], { baseDelayMs: 200, attempts: 3 });

      const sentOk = await eventually(
        () => rowOf(ok),
        (row) => row.status === 'sent',
        10_000,
        'ok delivery',
      );
      expect(sentOk.attempts).toBe(1);

      const failedBad = await eventually(
        () => rowOf(bad),
        (row) => row.status === 'failed',
        10_000,
        '400 delivery',
      );
      expect({ attempts: failedBad.attempts, lastError: failedBad.lastError }).toEqual({
        attempts: 1,
        lastError: 'HTTP 400: invalid_payload',
      });

      const sentLimited = await eventually(
        () => rowOf(limited),
        (row) => row.status === 'sent',
        15_000,
        '429 delivery',
      );
      expect(sentLimited.attempts).toBe(2);
      const [first, second] = receiver.posts('/limited');
      expect(second.at - first.at).toBeGreaterThanOrEqual(950);

      const failedDown = await eventually(
        () => rowOf(down),
        (row) => row.status === 'failed',
        15_000,
        '500 delivery',
      );
      expect({ attempts: failedDown.attempts, lastError: failedDown.lastError }).toEqual({
        attempts: 3,
        lastError: 'HTTP 500: ok',
      });
      expect(receiver.posts('/down')).toHaveLength(3);
      // The 400 was posted once and never again.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(receiver.posts('/bad')).toHaveLength(1);
      expect(receiver.posts('/ok')[0].body).toEqual({ text: 'to /ok' });
    });

    it('gives up on an SMTP 5xx at once and retries a 4xx until the attempts are used', async () => {
      const mailTo = async (recipient: string) => {
        const [row] = await q(
          `INSERT INTO notification_deliveries (organisation_id, kind, channel, recipient, subject, payload, status)
           VALUES ($1, 'alert', 'email', $2, 'x', '{"subject": "x", "text": "x"}', 'queued') RETURNING id::text`,
          [org.id, recipient],
        );
        return { organisationId: org.id, id: row.id as string };
      };
      const bounce = await mailTo('bounce@notify.test');
      const busy = await mailTo('busy@notify.test');
      await queue.deliver([bounce, busy], { baseDelayMs: 200, attempts: 3 });
      const bounced = await eventually(
        () => rowOf(bounce),
        (r) => r.status === 'failed',
        10_000,
        '550',
      );
      expect(bounced.attempts).toBe(1);
      expect(bounced.lastError).toContain('550');
      const gaveUp = await eventually(
        () => rowOf(busy),
        (r) => r.status === 'failed',
        15_000,
        '451',
      );
      expect(gaveUp.attempts).toBe(3);
      expect(gaveUp.lastError).toContain('451');
    });

    it('fails a delivery whose channel is not set up, without trying', async () => {
      const organisation = await dataSource
        .getRepository(Organisation)
        .save({ name: 'no hooks', slug: `nohooks-${uniqueSuffix()}`, timeZone: 'UTC' });
      const [row] = await q(
        `INSERT INTO notification_deliveries (organisation_id, kind, channel, recipient, subject, payload, status)
         VALUES ($1, 'alert', 'teams', 'teams', 'x', '{"subject": "x", "text": "x", "body": {}}', 'queued') RETURNING id::text`,
        [organisation.id],
      );
      const key = { organisationId: organisation.id, id: row.id };
      await queue.deliver([key], { baseDelayMs: 200, attempts: 3 });
      const failed = await eventually(
        () => rowOf(key),
        (r) => r.status === 'failed',
        10_000,
        'unconfigured channel',
      );
      expect({ attempts: failed.attempts, lastError: failed.lastError }).toEqual({
        attempts: 1,
        lastError: "the organisation's teams webhook is not set up",
      });
    });
  });
});
