import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The header that carries a request's id in (from a proxy or a client) and back out. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * A caller's id is taken over only when it is a short token of letters, digits and `._:-`: it is written into
 * every log line and job of the request, where anything longer or stranger could forge or flood log fields.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** The caller's `x-request-id` when it is safe to reuse (see SAFE_REQUEST_ID), else undefined. */
export function acceptedRequestId(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : undefined;
}

/**
 * The id of a request: the caller's `x-request-id` when safe, else a new UUID. Kept on `request.id` (where
 * pino-http looks too), so every caller in the request's life gets the same id, and returned to the client
 * in the `x-request-id` response header.
 */
export function requestIdOf(request: IncomingMessage & { id?: unknown }, response: ServerResponse): string {
  if (typeof request.id === 'string') return request.id;
  const id = acceptedRequestId(request.headers[REQUEST_ID_HEADER]) ?? randomUUID();
  request.id = id;
  if (!response.headersSent) response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** 127.0.0.0/8 and ::1, also written as IPv4-mapped IPv6 (`::ffff:127.0.0.1`, how dual-stack sockets report it). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * Who may read the Prometheus metrics of the API and the worker. They hold no person data but describe the
 * installation (queues, routes, load), so: with METRICS_TOKEN set, exactly the requests bearing it
 * (`Authorization: Bearer <token>`, from any address); without it, requests from loopback only.
 */
export function metricsAccessAllowed(
  token: string | undefined,
  request: { remoteAddress: string | undefined; authorization: string | undefined },
): boolean {
  if (token === undefined) return isLoopbackAddress(request.remoteAddress);
  const presented = /^Bearer (\S+)$/.exec(request.authorization ?? '')?.[1];
  if (!presented) return false;
  const expected = Buffer.from(token);
  const given = Buffer.from(presented);
  // Constant time in the token's content: a wrong guess says nothing about how much of it was right.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
