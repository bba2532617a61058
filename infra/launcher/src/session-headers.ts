/**
 * Headers of a request the launcher makes with the demo admin's session cookie: like the dashboard, it
 * proves the request is the site's own (Origin and X-Uptake-Request), which the API's CSRF check requires
 * of every state-changing request a cookie authenticates.
 */
export function sessionHeaders(baseUrl: string, cookie: string): Record<string, string> {
  return { cookie, origin: new URL(baseUrl).origin, 'x-uptake-request': '1' };
}
