import type { ConnectionCheck, ConnectionTestContext } from '@uptake/connector-sdk';
import type { VivaEngageApiCredentials, VivaEngageApiSettings } from './index';
import { YammerApi, YammerAuthError } from './yammer-api';

/**
 * users/current.json with the token (the "credentials" check: 401 is a bad token), then one message of
 * the feed the read starts with (the first configured community, or messages.json). Yammer tokens carry
 * no scopes to list: a token reads what its user may read.
 */
export async function testVivaEngageApiConnection(
  context: ConnectionTestContext<VivaEngageApiSettings, VivaEngageApiCredentials>,
): Promise<ConnectionCheck[]> {
  const api = new YammerApi(
    context.http,
    context.settings.baseUrl,
    context.credentials.token,
    context.signal,
  );
  const group = context.settings.groups?.[0];
  const feed = group === undefined ? 'messages.json' : `messages/in_group/${group}.json`;
  const checks: ConnectionCheck[] = [];
  const steps: [string, string, string][] = [
    ['credentials', 'users/current.json', 'Viva Engage accepted the token'],
    ['messages', feed, `the token reads ${feed}`],
  ];
  for (const [check, path, success] of steps) {
    try {
      const body = await api.get<unknown>(path, path === feed ? { limit: 1 } : {});
      checks.push(
        body === null
          ? {
              check,
              ok: false,
              message: `Viva Engage answered 404 Not Found to ${path}`,
              missingPermission: null,
            }
          : { check, ok: true, message: success, missingPermission: null },
      );
    } catch (error) {
      const message = context.signal.aborted
        ? 'no answer within the time limit of the test'
        : error instanceof Error
          ? error.message
          : String(error);
      checks.push({ check, ok: false, message, missingPermission: null });
      // A token refused once is refused for every request.
      if (error instanceof YammerAuthError) return checks;
    }
  }
  return checks;
}
