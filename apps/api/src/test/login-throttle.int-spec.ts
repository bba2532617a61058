import { ensureMember, Organisation } from '@uptake/persistence';
import { hashPassword } from '@uptake/security';
import { uniqueSuffix } from '@uptake/testing';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomClientAddress, randomLoopbackAddress, requestFrom } from './http-client';
import { startTestApi } from './support';

const PASSWORD = 'alice has a good password';

/** An API listening on 127.0.0.1, and an organisation with accounts that have real passwords. */
async function startListening(overrides: Record<string, string>) {
  const api = await startTestApi({ LOGIN_FREE_FAILURES: '5', ...overrides });
  await api.app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  const organisation = await api.dataSource
    .getRepository(Organisation)
    .save({ name: 'throttle', slug: `throttle-${uniqueSuffix()}` });
  const account = async () => {
    const email = `alice.${uniqueSuffix()}@throttle.test`;
    await ensureMember(api.dataSource, {
      email,
      passwordHash: () => hashPassword(PASSWORD),
      organisationId: organisation.id,
      role: 'executive',
    });
    return email;
  };
  return { api, url, organisation, account };
}

/**
 * The right password from a loopback address of its own. Every request of this file comes from a random
 * loopback address: the suites' small limits must not throttle other test files, which sign in from
 * 127.0.0.1 against the same Redis.
 */
function signInFrom(url: string, email: string, headers: Record<string, string>) {
  return requestFrom(randomLoopbackAddress(), `${url}/api/auth/login`, {
    body: { email, password: PASSWORD },
    headers,
  });
}

describe('sign-in throttling behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  let env: Awaited<ReturnType<typeof startListening>>;
  /** A sign-in from client `address` as the proxy reports it in X-Forwarded-For. */
  const signIn = (address: string, email: string, password: string) =>
    requestFrom(randomLoopbackAddress(), `${env.url}/api/auth/login`, {
      body: { email, password },
      headers: { 'X-Forwarded-For': address },
    });

  beforeAll(async () => {
    env = await startListening({ TRUST_PROXY: 'loopback', LOGIN_SLOWDOWN_AFTER: '10' });
  });

  afterAll(async () => {
    await env.api.dataSource.getRepository(Organisation).delete(env.organisation.id);
    await env.api.close();
  });

  it("a stranger's 50 failures from one address never refuse alice's right password from hers", async () => {
    const alice = await env.account();
    const stranger = randomClientAddress();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 50; attempt++) {
      statuses.push((await signIn(stranger, alice, `guess-${attempt}`)).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    // From the 6th on the address waits: 429s. On a loaded machine a wait (1 s, then 2 s, 4 s …) can run out
    // between two attempts; that attempt is checked (401) and doubles the wait, so only a few can slip in.
    const later = statuses.slice(5);
    expect(later.every((status) => status === 429 || status === 401)).toBe(true);
    expect(later.filter((status) => status === 401).length).toBeLessThanOrEqual(4);
    expect(later.at(-1)).toBe(429);

    const own = await signIn(randomClientAddress(), alice, PASSWORD);
    expect(own.status).toBe(200);
    // the stranger's address stays throttled, even if it guesses right
    expect((await signIn(stranger, alice, PASSWORD)).status).toBe(429);
  });

  it('makes the guessing address wait longer after each failure: Retry-After 1, 2, 4 s', async () => {
    const alice = await env.account();
    const stranger = randomClientAddress();
    for (let attempt = 0; attempt < 5; attempt++) await signIn(stranger, alice, `guess-${attempt}`);
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const refused = await signIn(stranger, alice, 'one more guess');
      expect(refused.status).toBe(429);
      expect(refused.body.message).toMatch(
        /^Too many failed sign-ins from this address; try again in \d+ s$/,
      );
      const retryAfter = Number(refused.headers['retry-after']);
      waits.push(retryAfter);
      if (round < 2) {
        await sleep(retryAfter * 1_000 + 100);
        expect((await signIn(stranger, alice, `late guess ${round}`)).status).toBe(401);
      }
    }
    expect(waits).toEqual([1, 2, 4]);
  });

  it('throttles one address trying many accounts (4× the free failures)', async () => {
    const sprayer = randomClientAddress();
    for (let attempt = 0; attempt < 20; attempt++) {
      const response = await signIn(sprayer, `nobody.${uniqueSuffix()}@throttle.test`, 'password123');
      expect(response.status).toBe(401);
    }
    const next = await signIn(sprayer, `nobody.${uniqueSuffix()}@throttle.test`, 'password123');
    expect(next.status).toBe(429);
    // another address is not concerned
    expect((await signIn(randomClientAddress(), await env.account(), PASSWORD)).status).toBe(200);
  });

  it('slows down, but never refuses, the right password while many addresses guess one account', async () => {
    const alice = await env.account();
    const fast = await signIn(randomClientAddress(), alice, PASSWORD);
    expect(fast.status).toBe(200);
    // a botnet: 14 addresses, one guess each (LOGIN_SLOWDOWN_AFTER=10 in this suite)
    for (let bot = 0; bot < 14; bot++) {
      expect((await signIn(randomClientAddress(), alice, `bot guess ${bot}`)).status).toBe(401);
    }
    const slowed = await signIn(randomClientAddress(), alice, PASSWORD);
    expect(slowed.status).toBe(200);
    // 14 failures + this attempt = 5 over the threshold: 5 × 250 ms before the password is even checked
    expect(slowed.elapsedMs).toBeGreaterThanOrEqual(1_200);
    const guess = await signIn(randomClientAddress(), alice, 'bot guess 15');
    expect(guess.status).toBe(401);
    expect(guess.elapsedMs).toBeGreaterThanOrEqual(1_200);
  });

  it('records the client address the trusted proxy reports', async () => {
    const alice = await env.account();
    const address = randomClientAddress();
    await signIn(address, alice, 'wrong password');
    const rows = await env.api.dataSource.query(
      `SELECT ip FROM audit_events WHERE action = 'auth.login_failed' AND details->>'email' = $1`,
      [alice],
    );
    expect(rows).toEqual([{ ip: address }]);
  });

  it('sets the Secure cookie flag when the proxy reports TLS (X-Forwarded-Proto: https), not otherwise', async () => {
    const alice = await env.account();
    const overTls = await signInFrom(env.url, alice, { 'X-Forwarded-Proto': 'https' });
    expect(overTls.status).toBe(200);
    expect(overTls.headers['set-cookie']?.[0]).toMatch(/; Secure/);
    const plain = await signInFrom(env.url, alice, {});
    expect(plain.status).toBe(200);
    expect(plain.headers['set-cookie']?.[0]).toMatch(/^uptake_session=ups_/);
    expect(plain.headers['set-cookie']?.[0]).not.toMatch(/Secure/);
  });
});

describe('sign-in throttling without a trusted proxy (TRUST_PROXY unset)', () => {
  let env: Awaited<ReturnType<typeof startListening>>;

  beforeAll(async () => {
    env = await startListening({});
  });

  afterAll(async () => {
    await env.api.dataSource.getRepository(Organisation).delete(env.organisation.id);
    await env.api.close();
  });

  it('ignores X-Forwarded-For: a client cannot pose as new addresses to escape the backoff', async () => {
    const alice = await env.account();
    const client = randomLoopbackAddress();
    const signIn = (password: string) =>
      requestFrom(client, `${env.url}/api/auth/login`, {
        body: { email: alice, password },
        headers: { 'X-Forwarded-For': randomClientAddress() },
      });
    for (let attempt = 0; attempt < 5; attempt++) expect((await signIn(`guess-${attempt}`)).status).toBe(401);
    expect((await signIn('guess-6')).status).toBe(429);
    const rows: { ip: string }[] = await env.api.dataSource.query(
      `SELECT DISTINCT ip FROM audit_events WHERE action LIKE 'auth.login_%' AND details->>'email' = $1`,
      [alice],
    );
    expect(rows.map((row) => row.ip)).toEqual([client]);
    // alice at her own address is not concerned
    expect((await signInFrom(env.url, alice, {})).status).toBe(200);
  });

  it('does not believe X-Forwarded-Proto either: no Secure flag on plain http', async () => {
    const response = await signInFrom(env.url, await env.account(), { 'X-Forwarded-Proto': 'https' });
    expect(response.status).toBe(200);
    expect(response.headers['set-cookie']?.[0]).not.toMatch(/Secure/);
  });
});
