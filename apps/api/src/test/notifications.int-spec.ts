import { AccessToken, Organisation } from '@uptake/persistence';
import { newToken } from '@uptake/security';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { bearer, createTenant, startTestApi, type TestApi, type TestTenant } from './support';

/**
 * The notification routes: a member's digest schedule, quiet hours and alert rules (bounded, checked against
 * the role and the organisation), the admins' Slack / Teams webhooks (write-only), the delivery log and the
 * digest preview. Sending is the worker's (apps/worker/src/test/notifications.int-spec.ts).
 */
const PUBLIC_URL = 'https://uptake.example.test';

describe('notifications API', () => {
  let api: TestApi;
  let tenant: TestTenant;
  let other: TestTenant;
  let receiver: Server;
  let receiverUrl: string;
  const received: unknown[] = [];
  const server = () => api.app.getHttpServer();
  const base = () => `/api/organisations/${tenant.organisation.id}/notifications`;

  beforeAll(async () => {
    api = await startTestApi({ PUBLIC_URL });
    tenant = await createTenant(api.dataSource, 'notify');
    other = await createTenant(api.dataSource, 'notify-other');
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString()));
        res.writeHead(req.url === '/refuse' ? 404 : 200).end(req.url === '/refuse' ? 'no_service' : 'ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await api.dataSource.getRepository(Organisation).delete([tenant.organisation.id, other.organisation.id]);
    await new Promise((resolve) => receiver.close(resolve));
    await api.close();
  });

  describe('my settings', () => {
    it('starts with the defaults: weekly on Monday 08:00, the sections of the role', async () => {
      const response = await request(server())
        .get(`${base()}/settings`)
        .set(...bearer(tenant.tokens.executive))
        .expect(200);
      expect(response.body).toMatchObject({
        digest: { enabled: true, frequency: 'weekly', dayOfWeek: 1, time: '08:00' },
        quietHours: null,
        sections: ['executive'],
        email: tenant.users.executive.email,
        locale: 'en',
        timeZone: 'UTC',
      });
      // The next Monday 08:00 UTC after now.
      const next = new Date(response.body.nextDigestAt);
      expect(next.getUTCDay()).toBe(1);
      expect(next.toISOString().slice(11, 16)).toBe('08:00');
      expect(next.getTime()).toBeGreaterThan(Date.now());
      expect(next.getTime() - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
      const admin = await request(server())
        .get(`${base()}/settings`)
        .set(...bearer(tenant.tokens.admin))
        .expect(200);
      expect(admin.body.sections).toEqual(['executive', 'change_manager', 'connector_maintainer']);
    });

    it('stores a schedule and quiet hours, and refuses bad times naming the field', async () => {
      const saved = await request(server())
        .put(`${base()}/settings`)
        .set(...bearer(tenant.tokens.change_manager))
        .send({
          digest: { enabled: true, frequency: 'daily', dayOfWeek: 3, time: '17:45' },
          quietHours: { start: '22:00', end: '07:00' },
        })
        .expect(200);
      expect(saved.body).toMatchObject({
        digest: { frequency: 'daily', time: '17:45' },
        quietHours: { start: '22:00', end: '07:00' },
      });
      const again = await request(server())
        .get(`${base()}/settings`)
        .set(...bearer(tenant.tokens.change_manager))
        .expect(200);
      expect(again.body.digest).toEqual({ enabled: true, frequency: 'daily', dayOfWeek: 3, time: '17:45' });
      // Another member's settings are untouched.
      const executive = await request(server())
        .get(`${base()}/settings`)
        .set(...bearer(tenant.tokens.executive))
        .expect(200);
      expect(executive.body.digest.frequency).toBe('weekly');

      const bad = await request(server())
        .put(`${base()}/settings`)
        .set(...bearer(tenant.tokens.change_manager))
        .send({ digest: { time: '24:00', dayOfWeek: 8 }, quietHours: { start: '07:00', end: '07:00' } })
        .expect(400);
      expect(bad.body.message).toEqual(
        expect.arrayContaining([
          'digest.time must be a time HH:MM from 00:00 to 23:59 (got "24:00")',
          'digest.dayOfWeek must be a whole number from 1 to 7 (got 8)',
          'quietHours.end start and end must differ',
        ]),
      );
    });

    it('belongs to signed-in members: an API token gets 403', async () => {
      const { token, hash } = newToken('upt');
      await api.dataSource.getRepository(AccessToken).save({
        kind: 'api',
        tokenHash: hash,
        organisationId: tenant.organisation.id,
        role: 'admin',
        name: 'automation',
        userId: tenant.users.admin.id,
      });
      const response = await request(server())
        .get(`${base()}/settings`)
        .set(...bearer(token))
        .expect(403);
      expect(response.body.message).toContain('API token');
    });
  });

  describe('my alert rules', () => {
    const gateRule = { condition: { kind: 'gate_status_changed', planId: null }, channels: ['email'] };

    it('creates, lists, replaces and deletes a rule of my own', async () => {
      const created = await request(server())
        .post(`${base()}/alert-rules`)
        .set(...bearer(tenant.tokens.executive))
        .send({
          name: 'Pilot adoption',
          condition: { kind: 'kpi_threshold', kpi: 'weekly_active_rate', direction: 'below', value: 0.4 },
          channels: ['email'],
        })
        .expect(201);
      expect(created.body).toMatchObject({
        name: 'Pilot adoption',
        condition: {
          kind: 'kpi_threshold',
          kpi: 'weekly_active_rate',
          direction: 'below',
          value: 0.4,
          population: null,
        },
        channels: ['email'],
        enabled: true,
        mutedUntil: null,
        lastFiredAt: null,
      });
      const id = created.body.id as string;
      const replaced = await request(server())
        .put(`${base()}/alert-rules/${id}`)
        .set(...bearer(tenant.tokens.executive))
        .send({ ...gateRule, mutedUntil: '2030-01-01T00:00:00Z' })
        .expect(200);
      expect(replaced.body).toMatchObject({
        id,
        name: null,
        condition: { kind: 'gate_status_changed' },
        mutedUntil: '2030-01-01T00:00:00.000Z',
      });
      const listed = await request(server())
        .get(`${base()}/alert-rules`)
        .set(...bearer(tenant.tokens.executive))
        .expect(200);
      expect(listed.body.map((r: { id: string }) => r.id)).toEqual([id]);
      // Not another member's: the admin's list holds only the admin's own rule; its PUT and DELETE are 404s.
      const mine = await request(server())
        .get(`${base()}/alert-rules`)
        .set(...bearer(tenant.tokens.admin))
        .expect(200);
      expect(mine.body.map((r: { id: string }) => r.id)).toEqual([tenant.alertRule.id]);
      await request(server())
        .delete(`${base()}/alert-rules/${id}`)
        .set(...bearer(tenant.tokens.admin))
        .expect(404);
      await request(server())
        .delete(`${base()}/alert-rules/${id}`)
        .set(...bearer(tenant.tokens.executive))
        .expect(204);
      await request(server())
        .delete(`${base()}/alert-rules/${id}`)
        .set(...bearer(tenant.tokens.executive))
        .expect(404);
    });

    it('refuses what the role cannot read, what is not the organisation’s and channels not set up', async () => {
      const send = (token: string, body: object) =>
        request(server())
          .post(`${base()}/alert-rules`)
          .set(...bearer(token))
          .send(body);
      const failing = {
        condition: { kind: 'source_failing', sourceId: tenant.source.id },
        channels: ['email'],
      };
      expect((await send(tenant.tokens.executive, failing)).status).toBe(403);
      expect((await send(tenant.tokens.connector_maintainer, failing)).status).toBe(201);
      expect((await send(tenant.tokens.connector_maintainer, gateRule)).status).toBe(403);
      const foreign = await send(tenant.tokens.connector_maintainer, {
        condition: { kind: 'source_stale', sourceId: other.source.id },
        channels: ['email'],
      });
      expect({ status: foreign.status, message: foreign.body.message }).toEqual({
        status: 404,
        message: `Source ${other.source.id} not found`,
      });
      const slack = await send(tenant.tokens.executive, { ...gateRule, channels: ['email', 'slack'] });
      expect(slack.status).toBe(400);
      expect(slack.body.message).toEqual([
        'channels: slack is not set up for this organisation (an admin sets its webhook under Notifications)',
      ]);
      const repeated = await send(tenant.tokens.executive, { ...gateRule, channels: ['email', 'email'] });
      expect(repeated.body.message).toEqual(['channels must not repeat a channel']);
      const kind = await send(tenant.tokens.executive, {
        condition: { kind: 'weather' },
        channels: ['email'],
      });
      expect(kind.status).toBe(400);
      expect(JSON.stringify(kind.body.message)).toContain('kind must be one of gate_status_changed');
      const value = await send(tenant.tokens.executive, {
        condition: { kind: 'kpi_threshold', kpi: 'weekly_active_rate', direction: 'above', value: 40 },
        channels: ['email'],
      });
      expect(value.body.message).toEqual(['condition.value must be a number from 0 to 1']);
    });

    it('keeps at most 50 rules per member', async () => {
      const token = other.tokens.change_manager;
      const url = `/api/organisations/${other.organisation.id}/notifications/alert-rules`;
      for (let i = 0; i < 50; i++)
        await request(server())
          .post(url)
          .set(...bearer(token))
          .send(gateRule)
          .expect(201);
      const response = await request(server())
        .post(url)
        .set(...bearer(token))
        .send(gateRule)
        .expect(400);
      expect(response.body.message).toEqual(['a member has at most 50 alert rules: delete one first']);
      const [{ count }] = await api.dataSource.query(
        `SELECT count(*)::int AS count FROM alert_rules WHERE user_id = $1`,
        [other.users.change_manager.id],
      );
      expect(count).toBe(50);
    });
  });

  describe('channels (admins)', () => {
    it('stores the webhook URL encrypted and shows only its host', async () => {
      const url = `${receiverUrl}/services/T000/B000/secret-part`;
      const put = await request(server())
        .put(`${base()}/channels/slack`)
        .set(...bearer(tenant.tokens.admin))
        .send({ webhookUrl: url })
        .expect(200);
      expect(put.body).toMatchObject({ kind: 'slack', configured: true, host: '127.0.0.1' });
      const listed = await request(server())
        .get(`${base()}/channels`)
        .set(...bearer(tenant.tokens.admin))
        .expect(200);
      expect(listed.body.channels).toEqual([
        expect.objectContaining({ kind: 'slack', configured: true, host: '127.0.0.1' }),
        { kind: 'teams', configured: false, host: null, updatedAt: null },
      ]);
      expect(JSON.stringify(listed.body)).not.toContain('secret-part');
      const [stored] = await api.dataSource.query(
        `SELECT webhook_url FROM notification_channels WHERE organisation_id = $1`,
        [tenant.organisation.id],
      );
      expect((stored.webhook_url as Buffer).toString('latin1')).not.toContain('secret-part');
      const [audit] = await api.dataSource.query(
        `SELECT details FROM audit_events WHERE organisation_id = $1 AND action = 'notifications.channel_changed'`,
        [tenant.organisation.id],
      );
      expect(audit.details).toEqual({ host: '127.0.0.1' });
      // Now a rule may use it.
      await request(server())
        .post(`${base()}/alert-rules`)
        .set(...bearer(tenant.tokens.executive))
        .send({ condition: { kind: 'gate_status_changed' }, channels: ['slack'] })
        .expect(201);
    });

    it('refuses a URL that is not https (http only on localhost) and non-admins', async () => {
      const bad = await request(server())
        .put(`${base()}/channels/teams`)
        .set(...bearer(tenant.tokens.admin))
        .send({ webhookUrl: 'http://hooks.example.com/x' })
        .expect(400);
      expect(bad.body.message).toEqual(['webhookUrl must be an https:// URL (http:// only for localhost)']);
      const kind = await request(server())
        .put(`${base()}/channels/discord`)
        .set(...bearer(tenant.tokens.admin))
        .send({ webhookUrl: 'https://hooks.example.com/x' })
        .expect(400);
      expect(kind.body.message).toBe('channel must be one of slack, teams');
      await request(server())
        .get(`${base()}/channels`)
        .set(...bearer(tenant.tokens.change_manager))
        .expect(403);
    });

    it('sends a test message and logs it; a refusal is reported, not thrown', async () => {
      const ok = await request(server())
        .post(`${base()}/channels/slack/test`)
        .set(...bearer(tenant.tokens.admin))
        .expect(200);
      expect(ok.body).toMatchObject({ ok: true, httpStatus: 200, error: null });
      expect(received.at(-1)).toMatchObject({ text: 'Test message from Uptake', blocks: expect.any(Array) });
      await request(server())
        .put(`${base()}/channels/teams`)
        .set(...bearer(tenant.tokens.admin))
        .send({ webhookUrl: `${receiverUrl}/refuse` })
        .expect(200);
      const refused = await request(server())
        .post(`${base()}/channels/teams/test`)
        .set(...bearer(tenant.tokens.admin))
        .expect(200);
      expect(refused.body).toMatchObject({ ok: false, httpStatus: 404, error: 'HTTP 404: no_service' });
      expect(received.at(-1)).toMatchObject({ '@type': 'MessageCard', title: 'Test message from Uptake' });
      await request(server())
        .delete(`${base()}/channels/teams`)
        .set(...bearer(tenant.tokens.admin))
        .expect(204);
      await request(server())
        .delete(`${base()}/channels/teams`)
        .set(...bearer(tenant.tokens.admin))
        .expect(204);
      const gone = await request(server())
        .post(`${base()}/channels/teams/test`)
        .set(...bearer(tenant.tokens.admin))
        .expect(409);
      expect(gone.body.message).toContain('not set up');
    });
  });

  describe('delivery log', () => {
    it('shows admins every delivery and others their own, at most 200 a page', async () => {
      const all = await request(server())
        .get(`${base()}/deliveries`)
        .set(...bearer(tenant.tokens.admin))
        .expect(200);
      expect(
        all.body.map((d: { kind: string; status: string; attempts: number }) => [
          d.kind,
          d.status,
          d.attempts,
        ]),
      ).toEqual([
        ['test', 'failed', 1],
        ['test', 'sent', 1],
      ]);
      const page = await request(server())
        .get(`${base()}/deliveries?limit=1&before=${all.body[0].id}`)
        .set(...bearer(tenant.tokens.admin))
        .expect(200);
      expect(page.body.map((d: { id: string }) => d.id)).toEqual([all.body[1].id]);
      const own = await request(server())
        .get(`${base()}/deliveries`)
        .set(...bearer(tenant.tokens.executive))
        .expect(200);
      expect(own.body).toEqual([]);
      const tooMany = await request(server())
        .get(`${base()}/deliveries?limit=201`)
        .set(...bearer(tenant.tokens.admin))
        .expect(400);
      expect(tooMany.body.message).toEqual(['limit must not be greater than 200']);
    });
  });

  describe('digest preview', () => {
    it('renders my digest as HTML and text with the inline chart, in my language', async () => {
      const preview = await request(server())
        .post(`${base()}/digest/preview`)
        .set(...bearer(tenant.tokens.executive))
        .expect(200);
      expect(preview.body).toMatchObject({ sections: ['executive'], locale: 'en' });
      expect(preview.body.subject).toMatch(/^Uptake weekly digest for notify: week of /);
      expect(preview.body.text).toContain(
        `Open the dashboard: ${PUBLIC_URL}/overview?org=${tenant.organisation.id}`,
      );
      expect(preview.body.images).toHaveLength(1);
      expect(preview.body.images[0].dataUri).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
      expect(preview.body.html).toContain(`cid:${preview.body.images[0].cid}`);
      // The organisation's goal (from the test tenant) is listed; no one's e-mail is.
      expect(preview.body.text).toContain('test goal');
      expect(preview.body.text).not.toContain(tenant.users.admin.email);

      await api.dataSource.query(`UPDATE users SET locale = 'nl' WHERE id = $1`, [
        tenant.users.connector_maintainer.id,
      ]);
      const dutch = await request(server())
        .post(`${base()}/digest/preview`)
        .set(...bearer(tenant.tokens.connector_maintainer))
        .expect(200);
      expect(dutch.body).toMatchObject({ sections: ['connector_maintainer'], locale: 'nl', images: [] });
      expect(dutch.body.subject).toMatch(/^Uptake weekoverzicht voor notify/);
      expect(dutch.body.text).toContain('GEGEVENSBRONNEN');
    });
  });
});
