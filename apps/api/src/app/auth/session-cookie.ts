import type { Request, Response } from 'express';
import { SESSION_COOKIE } from './principal';

/**
 * HttpOnly (scripts never see it), SameSite=Strict, and Secure whenever the client reached us over TLS:
 * directly, or through a proxy trusted by TRUST_PROXY that says so in X-Forwarded-Proto.
 */
function cookieOptions(request: Request) {
  return { httpOnly: true, sameSite: 'strict' as const, secure: request.secure, path: '/api' };
}

export function setSessionCookie(
  request: Request,
  response: Response,
  session: { token: string; expiresAt: Date },
): void {
  response.cookie(SESSION_COOKIE, session.token, { ...cookieOptions(request), expires: session.expiresAt });
}

export function clearSessionCookie(request: Request, response: Response): void {
  response.clearCookie(SESSION_COOKIE, cookieOptions(request));
}
