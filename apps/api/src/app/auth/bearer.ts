import type { Request } from 'express';
import { SESSION_COOKIE } from './principal';

/** The secret of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(header: string | undefined): string | undefined {
  return header?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

/** The credential of a request: a bearer token, else the session cookie. */
export function requestToken(request: Request): string | undefined {
  const cookies = request.cookies as Record<string, string | undefined> | undefined;
  return bearerToken(request.headers.authorization) ?? cookies?.[SESSION_COOKIE];
}
