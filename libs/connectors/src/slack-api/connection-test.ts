import { HttpError, type ConnectionCheck, type ConnectionTestContext } from '@uptake/connector-sdk';
import type { SlackApiCredentials, SlackApiSettings } from './index';
import { SlackApiError } from './slack-web-api';

/** The scopes the read needs (users.list with e-mails, conversations.list/.members/.history/.replies). */
export const SLACK_READ_SCOPES = [
  'users:read',
  'users:read.email',
  'channels:read',
  'groups:read',
  'channels:history',
  'groups:history',
] as const;

/**
 * auth.test with the token (the "credentials" check), then each scope the read needs against the scopes
 * Slack says the token has (the `x-oauth-scopes` header of its answer): one request in all.
 */
export async function testSlackApiConnection(
  context: ConnectionTestContext<SlackApiSettings, SlackApiCredentials>,
): Promise<ConnectionCheck[]> {
  const url = `${context.settings.baseUrl.replace(/\/+$/, '')}/auth.test`;
  let body: { ok?: unknown; error?: unknown; team?: unknown };
  let header: string | null;
  try {
    const response = await context.http.request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${context.credentials.token}` },
      signal: context.signal,
    });
    header = response.headers.get('x-oauth-scopes');
    body = (await response.json()) as typeof body;
  } catch (error) {
    const message = context.signal.aborted
      ? 'no answer within the time limit of the test'
      : error instanceof HttpError
        ? error.message
        : `Slack API auth.test at ${context.settings.baseUrl} did not answer JSON (is baseUrl right?)`;
    return [{ check: 'credentials', ok: false, message, missingPermission: null }];
  }
  if (body.ok !== true) {
    const code = typeof body.error === 'string' ? body.error : 'unknown_error';
    return [
      {
        check: 'credentials',
        ok: false,
        message: new SlackApiError('auth.test', code).message,
        missingPermission: null,
      },
    ];
  }
  const team = typeof body.team === 'string' ? ` of workspace ${body.team}` : '';
  const checks: ConnectionCheck[] = [
    { check: 'credentials', ok: true, message: `Slack accepted the token${team}`, missingPermission: null },
  ];
  const granted = header === null ? null : new Set(header.split(',').map((scope) => scope.trim()));
  for (const scope of SLACK_READ_SCOPES) {
    if (granted === null) {
      checks.push({
        check: scope,
        ok: false,
        message: 'not checked: Slack sent no x-oauth-scopes header',
        missingPermission: null,
      });
    } else if (granted.has(scope)) {
      checks.push({ check: scope, ok: true, message: 'granted to the token', missingPermission: null });
    } else {
      checks.push({
        check: scope,
        ok: false,
        message: `the token lacks the ${scope} scope: add it to the Slack app and reinstall it`,
        missingPermission: scope,
      });
    }
  }
  return checks;
}
