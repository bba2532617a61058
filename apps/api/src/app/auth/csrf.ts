import type { NextFunction, Request, Response } from 'express';
import { bearerToken } from './bearer';
import { SESSION_COOKIE } from './principal';

/** Sent by the dashboard on every request. A cross-origin page cannot add it without a CORS preflight. */
export const REQUEST_HEADER = 'x-uptake-request';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOGIN_PATH = '/api/auth/login';

/**
 * CSRF protection for everything under the express app (Nest routes and the queue board alike).
 *
 * A state-changing request that a session cookie authenticates must prove that a page of this site sent
 * it: an Origin (or, without one, `Sec-Fetch-Site: same-origin | none`) that is the API's own origin as the
 * request reached it (scheme, host and port; behind a trusted proxy its X-Forwarded-Proto/-Host) or one of
 * CORS_ORIGINS, and the `X-Uptake-Request: 1` header. SameSite=Strict already keeps the cookie off
 * cross-site requests; this also covers same-site ones (another port or subdomain of the same host).
 * Bearer-token requests carry no ambient authority and are exempt. Sign-in gets the Origin check (login
 * CSRF would sign the victim in to the attacker's account); a client that sends neither Origin nor
 * Sec-Fetch-Site is not a browser, so it cannot be a forged browser request.
 */
export function csrfProtection(corsOrigins: readonly string[]) {
  const allowed = new Set(corsOrigins.map(normaliseOrigin).filter((origin) => origin !== undefined));
  return (request: Request, response: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(request.method)) return next();
    const cookies = request.cookies as Record<string, string> | undefined;
    const byCookie = !bearerToken(request.headers.authorization) && Boolean(cookies?.[SESSION_COOKIE]);
    const isLogin = request.path.toLowerCase().replace(/\/+$/, '') === LOGIN_PATH;
    let problem: string | undefined;
    if (byCookie) problem = originProblem(request, allowed) ?? headerProblem(request);
    else if (isLogin && (request.get('origin') !== undefined || request.get('sec-fetch-site') !== undefined))
      problem = originProblem(request, allowed);
    if (!problem) return next();
    response.status(403).json({ statusCode: 403, error: 'Forbidden', message: problem });
  };
}

function originProblem(request: Request, allowed: ReadonlySet<string>): string | undefined {
  const origin = request.get('origin');
  if (origin === undefined) {
    const site = request.get('sec-fetch-site');
    if (site === 'same-origin' || site === 'none') return undefined;
    return site
      ? `Cross-site request refused (Sec-Fetch-Site: ${site})`
      : 'Cross-site request refused: a request signed in by cookie needs an Origin header (API clients use a bearer token)';
  }
  const normalised = normaliseOrigin(origin);
  const own = normaliseOrigin(`${request.protocol}://${request.host ?? ''}`);
  if (normalised !== undefined && (normalised === own || allowed.has(normalised))) return undefined;
  return `Cross-site request refused: origin ${origin.slice(0, 200)} is not this site`;
}

function headerProblem(request: Request): string | undefined {
  return request.get(REQUEST_HEADER) === '1'
    ? undefined
    : 'Cross-site request refused: the header X-Uptake-Request: 1 is missing (API clients use a bearer token)';
}

/**
 * scheme://host[:port] with default ports dropped and the host lower-cased; undefined (never matching) for
 * anything else, such as `null`. The API's own origin is the one the client used to reach it: behind a
 * trusted proxy express reads X-Forwarded-Proto/-Host, otherwise the socket and the Host header.
 */
function normaliseOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}
