import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import { API_REDIS } from '../redis/redis.module';

/** A sign-in that has left for the provider and not come back yet. */
export interface PendingLogin {
  organisationId: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  createdAt: string;
  /** SHA-256 (hex) of the binding cookie's value. */
  bindingHash: string;
}

/** How long a person may take at the provider (the binding cookie lives as long). */
export const PENDING_LOGIN_TTL_SECONDS = 600;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const key = (state: string) => `uptake:sso:pending:${sha256(state)}`;

/**
 * Pending SSO sign-ins, in Redis (shared by every API instance) under the SHA-256 of their state, for
 * PENDING_LOGIN_TTL_SECONDS. Taking one deletes it in the same command (GETDEL), so a state works once: a
 * replayed or reloaded callback finds nothing. The state travels through the provider in the URL; the
 * binding secret only in a cookie of the browser that started, so a callback URL sent to somebody else
 * (login CSRF: signing the victim in to the attacker's account) does not work in their browser.
 */
@Injectable()
export class PendingLogins {
  constructor(@Inject(API_REDIS) private readonly redis: Redis) {}

  /** Stores a new pending sign-in; returns its state (for the URL) and binding (for the cookie). */
  async begin(
    login: Omit<PendingLogin, 'bindingHash' | 'createdAt' | 'nonce' | 'codeVerifier'>,
  ): Promise<{ state: string; binding: string; nonce: string; codeVerifier: string }> {
    const state = oidc.randomState();
    const binding = randomBytes(32).toString('base64url');
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const pending: PendingLogin = {
      ...login,
      nonce,
      codeVerifier,
      createdAt: new Date().toISOString(),
      bindingHash: sha256(binding),
    };
    await this.redis.set(key(state), JSON.stringify(pending), 'EX', PENDING_LOGIN_TTL_SECONDS, 'NX');
    return { state, binding, nonce, codeVerifier };
  }

  /**
   * The pending sign-in of this state, removed at once, if it exists and the binding cookie is its own;
   * otherwise undefined (unknown, expired, used, or another browser's).
   */
  async take(state: string, binding: string | undefined): Promise<PendingLogin | undefined> {
    if (!state || state.length > 200) return undefined;
    const stored = await this.redis.getdel(key(state));
    if (!stored || !binding) return undefined;
    const pending = JSON.parse(stored) as PendingLogin;
    const expected = Buffer.from(pending.bindingHash, 'hex');
    const actual = Buffer.from(sha256(binding), 'hex');
    return timingSafeEqual(expected, actual) ? pending : undefined;
  }
}
