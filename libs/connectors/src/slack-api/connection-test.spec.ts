import { HttpClient } from '@uptake/connector-sdk';
import { join } from 'node:path';
import { SLACK_READ_SCOPES, testSlackApiConnection } from './connection-test';
import { startFakeSlack } from './fake-slack-server';

const TOKEN = 'xoxb-1234-5678-fixture';
const EXPORT = join(__dirname, '../slack-export/fixtures/export');

async function run(options: { scopes?: readonly string[]; token?: string }) {
  const slack = await startFakeSlack({
    workspaces: { export: EXPORT },
    token: TOKEN,
    pageSize: 3,
    scopes: options.scopes,
  });
  try {
    const checks = await testSlackApiConnection({
      settings: { baseUrl: slack.url('export'), identity: 'email', lookbackDays: 90 },
      credentials: { token: options.token ?? TOKEN },
      http: new HttpClient({ maxRetries: 0 }),
      signal: new AbortController().signal,
      now: () => new Date(),
    });
    return { checks, requests: slack.requests };
  } finally {
    await slack.close();
  }
}

describe('slack-api connection test', () => {
  it('checks every scope the read needs against x-oauth-scopes, with one auth.test request', async () => {
    const { checks, requests } = await run({ scopes: [...SLACK_READ_SCOPES, 'chat:write'] });
    expect(checks.map((c) => [c.check, c.ok])).toEqual([
      ['credentials', true],
      ...SLACK_READ_SCOPES.map((scope) => [scope, true]),
    ]);
    expect(checks[0].message).toBe('Slack accepted the token of workspace Fake workspace');
    expect(requests).toEqual(['auth.test?']);
  });

  it('names each missing scope', async () => {
    const { checks } = await run({ scopes: ['users:read', 'channels:read', 'channels:history'] });
    expect(checks.filter((c) => !c.ok).map((c) => c.missingPermission)).toEqual([
      'users:read.email',
      'groups:read',
      'groups:history',
    ]);
  });

  it('without an x-oauth-scopes header, leaves the scopes unchecked instead of guessing', async () => {
    const { checks } = await run({});
    expect(checks[1]).toEqual({
      check: 'users:read',
      ok: false,
      message: 'not checked: Slack sent no x-oauth-scopes header',
      missingPermission: null,
    });
  });

  it('a token Slack refuses fails the credentials check alone', async () => {
    const { checks } = await run({ scopes: SLACK_READ_SCOPES, token: 'xoxb-wrong' });
    expect(checks).toEqual([
      {
        check: 'credentials',
        ok: false,
        message: 'Slack API auth.test failed: invalid_auth',
        missingPermission: null,
      },
    ]);
  });
});
