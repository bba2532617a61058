import { ensureMember, User } from '@uptake/persistence';
import { hashPassword, hashToken } from '@uptake/security';
import { uniqueSuffix } from '@uptake/testing';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { invitationToken, parseMail, startSmtpPeer, type SmtpPeer } from './smtp-peer';
import { bearer, createTenant, fromDashboard, startTestApi, type TestApi, type TestTenant } from './support';

const PASSWORD = 'the invitee chose this one';

/**
 * Joining an organisation: an admin invites an address; only the mailbox owner, with the one-time link
 * received over real SMTP, can accept. The attacks: an admin pre-creating or taking over an account that
 * another organisation uses, and an admin probing which addresses have accounts.
 */
describe('invitations', () => {
  let api: TestApi;
  let smtp: SmtpPeer;
  let a: TestTenant;
  let b: TestTenant;
  const server = () => api.app.getHttpServer();
  const members = (tenant: TestTenant) => `/api/organisations/${tenant.organisation.id}/members`;
  const invite = (tenant: TestTenant, email: string, role = 'executive') =>
    request(server())
      .post(members(tenant))
      .set(...bearer(tenant.tokens.admin))
      .send({ email, role });
  const accept = (body: object) => request(server()).post('/api/invitations/accept').send(body);
  const auditActions = async (tenant: TestTenant) =>
    (
      await request(server())
        .get(`/api/organisations/${tenant.organisation.id}/audit-events`)
        .set(...bearer(tenant.tokens.admin))
        .expect(200)
    ).body as { action: string; actorUserId: string | null; targetId: string | null; details: object }[];

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    api = await startTestApi({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://uptake.example.com' });
    await api.app.listen(0, '127.0.0.1'); // a fixed origin for the cookie requests (fromDashboard)
    a = await createTenant(api.dataSource, 'invite-a');
    b = await createTenant(api.dataSource, 'invite-b');
  });

  afterAll(async () => {
    await api.dataSource.query('DELETE FROM organisations WHERE id = ANY($1)', [
      [a.organisation.id, b.organisation.id],
    ]);
    await api.close();
    await smtp.close();
  });

  it('never lets an admin choose a password: a member with a password is refused and nothing is created', async () => {
    const victim = `victim.${uniqueSuffix()}@mail.test`;
    const response = await request(server())
      .post(members(a))
      .set(...bearer(a.tokens.admin))
      .send({ email: victim, role: 'executive', password: 'admin-knows-this-one' })
      .expect(400);
    expect(response.body.message).toContain('property password should not exist');
    expect(await api.dataSource.getRepository(User).existsBy({ email: victim })).toBe(false);
  });

  it('answers the same whether or not the address has an account, never with the link, and attaches nobody', async () => {
    const newcomer = `newcomer.${uniqueSuffix()}@mail.test`;
    const existing = b.users.change_manager.email; // a member of another organisation
    const [fresh, known] = [await invite(a, newcomer).expect(202), await invite(a, existing).expect(202)];
    const shape = (body: Record<string, unknown>) => ({
      ...body,
      id: 'ID',
      email: 'EMAIL',
      createdAt: 'T',
      expiresAt: 'T',
    });
    expect(shape(fresh.body)).toEqual(shape(known.body));
    expect(Object.keys(fresh.body).sort()).toEqual([
      'createdAt',
      'email',
      'expiresAt',
      'id',
      'role',
      'status',
    ]);
    expect(fresh.body).toMatchObject({ email: newcomer, role: 'executive', status: 'pending' });
    const days = (Date.parse(fresh.body.expiresAt) - Date.parse(fresh.body.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 2);

    // the secret went only to the mailbox: not to the admin's answers, not stored in the clear
    const [newMail, knownMail] = [await smtp.mailTo(newcomer), await smtp.mailTo(existing)];
    const tokens = [invitationToken(newMail), invitationToken(knownMail)];
    expect(newMail.text).toContain('https://uptake.example.com/invitation#token=upi_');
    const listed = await request(server())
      .get(`/api/organisations/${a.organisation.id}/invitations`)
      .set(...bearer(a.tokens.admin))
      .expect(200);
    const adminSaw = JSON.stringify([fresh.body, known.body, listed.body, await auditActions(a)]);
    for (const token of tokens) {
      expect(adminSaw).not.toContain(token);
      const [row] = await api.dataSource.query(
        'SELECT token_hash, to_jsonb(i)::text AS everything FROM invitations i WHERE token_hash = $1',
        [hashToken(token)],
      );
      expect(row.everything).not.toContain(token);
    }
    // nobody joined and no account was created yet
    expect(await api.dataSource.getRepository(User).existsBy({ email: newcomer })).toBe(false);
    const joined = await api.dataSource.query(
      'SELECT 1 FROM memberships WHERE organisation_id = $1 AND user_id = $2',
      [a.organisation.id, b.users.change_manager.id],
    );
    expect(joined).toEqual([]);
    expect((await auditActions(a)).filter((e) => e.action === 'member.invited')).toHaveLength(2);
  });

  it('lets the mailbox owner choose the password of a new account; the link works once', async () => {
    const newcomer = `chooser.${uniqueSuffix()}@mail.test`;
    const invited = await invite(a, newcomer, 'change_manager').expect(202);
    const token = invitationToken(await smtp.mailTo(newcomer));

    const preview = await request(server()).post('/api/invitations/lookup').send({ token }).expect(200);
    expect(preview.body).toMatchObject({
      organisationName: 'invite-a',
      email: newcomer,
      role: 'change_manager',
      accountExists: false,
      signedInAsInvitee: false,
    });
    const noPassword = await accept({ token }).expect(400);
    expect(noPassword.body.message).toBe(
      'password: choose a password of at least 12 characters for your new account',
    );
    await accept({ token, password: 'too short' }).expect(400);

    const accepted = await accept({ token, password: PASSWORD }).expect(200);
    expect(accepted.body).toEqual({
      organisationId: a.organisation.id,
      organisationName: 'invite-a',
      role: 'change_manager',
      email: newcomer,
      newAccount: true,
    });
    const cookie = (accepted.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const me = await request(server()).get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body.memberships).toEqual([expect.objectContaining({ organisationId: a.organisation.id })]);

    // once only, and the chosen password is the account's
    const again = await accept({ token, password: 'another password 123' }).expect(404);
    expect(again.body.message).toMatch(/not valid: it was used, revoked or has expired/);
    await request(server()).post('/api/auth/login').send({ email: newcomer, password: PASSWORD }).expect(200);

    const audit = await auditActions(a);
    const joined = audit.find((e) => e.action === 'member.joined' && e.actorUserId === me.body.userId);
    expect(joined?.details).toEqual({
      invitationId: invited.body.id,
      role: 'change_manager',
      newAccount: true,
    });
  });

  it('defeats pre-creation: an admin who invites an address first can neither set nor learn its password', async () => {
    const victim = `victim.${uniqueSuffix()}@mail.test`;
    await invite(a, victim).expect(202); // organisation A's admin is first, hoping to own the account
    const tokenFromA = invitationToken(await smtp.mailTo(victim));
    expect(await api.dataSource.getRepository(User).existsBy({ email: victim })).toBe(false);
    // the admin has no way in: no account to sign in to, no link
    await request(server())
      .post('/api/auth/login')
      .send({ email: victim, password: 'admin-guess-123' })
      .expect(401);

    // organisation B invites the victim later; the victim accepts B's invitation with their own password
    smtp.received.splice(0, smtp.received.length);
    await invite(b, victim, 'admin').expect(202);
    const tokenFromB = invitationToken(await smtp.mailTo(victim));
    await accept({ token: tokenFromB, password: PASSWORD }).expect(200);

    // A's older link now belongs to an existing account: the link alone does not attach it
    const unproven = await accept({ token: tokenFromA }).expect(401);
    expect(unproven.body.message).toMatch(/sign in as that account, or give its password/);
    await accept({ token: tokenFromA, password: 'admin-guess-123' }).expect(401);
    const inA = await api.dataSource.query(
      'SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organisation_id = $1 AND u.email = $2',
      [a.organisation.id, victim],
    );
    expect(inA).toEqual([]);
    // the victim may still choose to join A by proving the account
    const joined = await accept({ token: tokenFromA, password: PASSWORD }).expect(200);
    expect(joined.body).toMatchObject({ organisationId: a.organisation.id, newAccount: false });
  });

  it('an existing account joins with its own session; another user’s session does not accept for it', async () => {
    const email = `existing.${uniqueSuffix()}@mail.test`;
    await ensureMember(api.dataSource, {
      email,
      passwordHash: () => hashPassword(PASSWORD),
      organisationId: b.organisation.id,
      role: 'executive',
    });
    await invite(a, email, 'connector_maintainer').expect(202);
    const token = invitationToken(await smtp.mailTo(email));

    // signed in as somebody else (an executive of A): not a proof for this account
    const other = await request(server())
      .post('/api/invitations/accept')
      .set(...bearer(a.tokens.executive))
      .send({ token })
      .expect(401);
    expect(other.body.message).toMatch(/sign in as that account/);

    const login = await request(server())
      .post('/api/auth/login')
      .send({ email, password: PASSWORD })
      .expect(200);
    const cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const preview = await fromDashboard(request(server()).post('/api/invitations/lookup'))
      .set('Cookie', cookie)
      .send({ token })
      .expect(200);
    expect(preview.body).toMatchObject({ accountExists: true, signedInAsInvitee: true });
    const accepted = await fromDashboard(request(server()).post('/api/invitations/accept'))
      .set('Cookie', cookie)
      .send({ token })
      .expect(200);
    expect(accepted.body).toMatchObject({ role: 'connector_maintainer', newAccount: false });
    expect(accepted.headers['set-cookie']).toBeUndefined(); // already signed in
  });

  it('revokes, expires and replaces links; admins list invitations with their status', async () => {
    const [revoked, expired, replaced] = ['revoked', 'expired', 'replaced'].map(
      (label) => `${label}.${uniqueSuffix()}@mail.test`,
    );
    const revokedInvitation = await invite(a, revoked).expect(202);
    const revokedToken = invitationToken(await smtp.mailTo(revoked));
    await request(server())
      .delete(`/api/organisations/${a.organisation.id}/invitations/${revokedInvitation.body.id}`)
      .set(...bearer(a.tokens.admin))
      .expect(204);
    await accept({ token: revokedToken, password: PASSWORD }).expect(404);
    // another organisation's admin cannot revoke it (and gets the same 404 as for an unknown id)
    await request(server())
      .delete(`/api/organisations/${b.organisation.id}/invitations/${revokedInvitation.body.id}`)
      .set(...bearer(b.tokens.admin))
      .expect(404);

    const expiredInvitation = await invite(a, expired).expect(202);
    const expiredToken = invitationToken(await smtp.mailTo(expired));
    await api.dataSource.query(
      `UPDATE invitations SET created_at = now() - interval '8 days', expires_at = now() - interval '1 day' WHERE id = $1`,
      [expiredInvitation.body.id],
    );
    await accept({ token: expiredToken, password: PASSWORD }).expect(404);

    await invite(a, replaced).expect(202);
    const firstToken = invitationToken(await smtp.mailTo(replaced));
    smtp.received.splice(0, smtp.received.length);
    await invite(a, replaced).expect(202);
    const secondToken = invitationToken(await smtp.mailTo(replaced));
    expect(secondToken).not.toBe(firstToken);
    await accept({ token: firstToken, password: PASSWORD }).expect(404);

    const listed = await request(server())
      .get(`/api/organisations/${a.organisation.id}/invitations`)
      .set(...bearer(a.tokens.admin))
      .expect(200);
    const statuses = (email: string) =>
      (listed.body as { email: string; status: string }[])
        .filter((i) => i.email === email)
        .map((i) => i.status);
    expect(statuses(revoked)).toEqual(['revoked']);
    expect(statuses(expired)).toEqual(['expired']);
    expect(statuses(replaced)).toEqual(['pending', 'revoked']);
    expect((await auditActions(a)).find((e) => e.action === 'invitation.revoked')?.targetId).toBe(
      revokedInvitation.body.id,
    );
    // the newest link still works
    await accept({ token: secondToken, password: PASSWORD }).expect(200);
  });

  it('refuses to invite an existing member of the organisation', async () => {
    const response = await invite(a, a.users.executive.email).expect(409);
    expect(response.body.message).toBe(`${a.users.executive.email} is already a member`);
  });
});

describe('invitation e-mail without SMTP_URL', () => {
  it('is written as an .eml file to <UPTAKE_DATA_DIR>/outbox, readable by the operator only', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-outbox-'));
    const api = await startTestApi({ UPTAKE_DATA_DIR: dataDir });
    const tenant = await createTenant(api.dataSource, 'outbox');
    try {
      const email = `outbox.${uniqueSuffix()}@mail.test`;
      await request(api.app.getHttpServer())
        .post(`/api/organisations/${tenant.organisation.id}/members`)
        .set(...bearer(tenant.tokens.admin))
        .send({ email, role: 'executive' })
        .expect(202);
      const outbox = path.join(dataDir, 'outbox');
      const files = fs.readdirSync(outbox);
      expect(files).toEqual([expect.stringMatching(/\.eml$/)]);
      const file = path.join(outbox, files[0]);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const mail = parseMail(fs.readFileSync(file, 'utf8'), [email]);
      expect(mail.raw).toMatch(new RegExp(`^To: ${email.replace(/\./g, '\\.')}$`, 'm'));
      expect(mail.subject).toBe('Invitation to outbox on Uptake');
      const token = invitationToken(mail);
      await request(api.app.getHttpServer())
        .post('/api/invitations/accept')
        .send({ token, password: PASSWORD })
        .expect(200);
    } finally {
      await api.dataSource.query('DELETE FROM organisations WHERE id = $1', [tenant.organisation.id]);
      await api.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
