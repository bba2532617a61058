import { HttpError, type ConnectionCheck, type ConnectionTestContext } from '@uptake/connector-sdk';
import type { VivaEngageExportCredentials, VivaEngageExportSettings } from './settings';

/** What a verified admin is called in a failed check: the role the export needs (Yammer tokens have no scopes). */
export const VERIFIED_ADMIN = 'Viva Engage verified admin';

/**
 * Mode upload reads files: nothing to test. Mode api: `users/current.json` with the token (401 fails the
 * `credentials` check), then whether that user is a verified admin (`verified_admin`), the only ones the Data
 * Export API serves. No export is started: one would download data.
 */
export async function testVivaEngageExportConnection(
  context: ConnectionTestContext<VivaEngageExportSettings, VivaEngageExportCredentials>,
): Promise<ConnectionCheck[]> {
  if (context.settings.mode !== 'api') {
    return [
      {
        check: 'mode',
        ok: true,
        message:
          'settings.mode is upload: the source reads uploaded export zips, there is no connection to test',
        missingPermission: null,
      },
    ];
  }
  const token = context.credentials.token;
  if (token === undefined) {
    return [fail('credentials', "no token: mode api needs a verified admin's Yammer token", null)];
  }
  const url = `${context.settings.exportUrl.replace(/\/export\/?$/, '')}/users/current.json`;
  let user: Record<string, unknown>;
  try {
    const response = await context.http.request(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: context.signal,
    });
    user = (await response.json()) as Record<string, unknown>;
  } catch (error) {
    const message = context.signal.aborted
      ? 'no answer within the time limit of the test'
      : error instanceof HttpError && error.status === 401
        ? 'Viva Engage answered 401: the token is not valid, expired or was revoked'
        : error instanceof Error
          ? error.message
          : String(error);
    return [fail('credentials', message, null)];
  }
  const admin = user['verified_admin'] === true || user['verified_admin'] === 'true';
  return [
    { check: 'credentials', ok: true, message: 'Viva Engage accepted the token', missingPermission: null },
    admin
      ? {
          check: VERIFIED_ADMIN,
          ok: true,
          message: "the token's user is a verified admin",
          missingPermission: null,
        }
      : fail(
          VERIFIED_ADMIN,
          "the token's user is not a verified admin: the Data Export API serves only verified admins",
          VERIFIED_ADMIN,
        ),
  ];
}

function fail(check: string, message: string, missingPermission: string | null): ConnectionCheck {
  return { check, ok: false, message, missingPermission };
}
