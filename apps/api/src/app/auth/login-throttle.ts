import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { UPTAKE_CONFIG } from '../config/config.module';
import { API_REDIS } from '../redis/redis.module';

/** The address alone may fail this many times more than one address for one account. */
const ADDRESS_FACTOR = 4;
const BACKOFF_BASE_MS = 1_000;
/** Failures are forgotten a day after the last one. */
const FAILURES_TTL_SECONDS = 86_400;
/** The account-wide failure count (all addresses) covers the last hour of failures. */
const ACCOUNT_WINDOW_SECONDS = 3_600;
const SLOWDOWN_STEP_MS = 250;
const SLOWDOWN_MAX_MS = 3_000;

/**
 * KEYS: account+address, address, account. ARGV: now (ms), free failures of the pair and of the address,
 * backoff base and cap (ms), TTLs (s). An attempt is counted as a failure before the password is checked
 * (so parallel guesses cannot all slip through) and taken back when it succeeds. Returns the wait in ms
 * (0: go ahead) and the account's failures in the last hour.
 */
const BEGIN = `
local now = tonumber(ARGV[1])
local wait = 0
for i = 1, 2 do
  local untilMs = tonumber(redis.call('HGET', KEYS[i], 'until') or '0')
  if untilMs - now > wait then wait = untilMs - now end
end
if wait > 0 then return {wait, 0} end
for i = 1, 2 do
  local n = redis.call('HINCRBY', KEYS[i], 'n', 1)
  local free = tonumber(ARGV[1 + i])
  if n >= free then
    local backoff = math.min(tonumber(ARGV[5]), tonumber(ARGV[4]) * 2 ^ (n - free))
    redis.call('HSET', KEYS[i], 'until', math.floor(now + backoff))
  end
  redis.call('EXPIRE', KEYS[i], tonumber(ARGV[6]))
end
local account = redis.call('INCR', KEYS[3])
redis.call('EXPIRE', KEYS[3], tonumber(ARGV[7]))
return {0, account}
`;

/** Takes back the attempt counted by BEGIN: the password was right. ARGV: free failures of the address. */
const SUCCEEDED = `
redis.call('DEL', KEYS[1])
local n = tonumber(redis.call('HGET', KEYS[2], 'n') or '0')
if n > 0 then
  n = redis.call('HINCRBY', KEYS[2], 'n', -1)
  if n < tonumber(ARGV[1]) then redis.call('HDEL', KEYS[2], 'until') end
end
if tonumber(redis.call('GET', KEYS[3]) or '0') > 0 then redis.call('DECR', KEYS[3]) end
return 0
`;

export class LoginThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        message: `Too many failed sign-ins from this address; try again in ${retryAfterSeconds} s`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Brute-force brake on password checks, shared by all API instances through Redis. It never refuses the
 * right password because of somebody else's failures:
 * - per client address and account: after LOGIN_FREE_FAILURES failures, wait 1 s, 2 s, 4 s … up to
 *   LOGIN_BACKOFF_MAX_SECONDS before the next attempt (429 with Retry-After);
 * - per client address (all accounts): the same with 4× the free failures, against one address trying
 *   many accounts;
 * - per account from all addresses (distributed guessing): past LOGIN_SLOWDOWN_AFTER failures in the last
 *   hour every attempt on the account waits 250 ms more per failure (at most 3 s) before it is answered,
 *   the right password included, so guessing gets slower without locking the owner out.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(API_REDIS) private readonly redis: Redis,
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** Call before checking a password; throws LoginThrottledException while the address must wait. */
  async begin(email: string, ip: string): Promise<void> {
    const { loginFreeFailures, loginBackoffMaxSeconds, loginSlowdownAfter } = this.config.auth;
    const [waitMs, accountFailures] = (await this.redis.eval(
      BEGIN,
      3,
      ...this.keys(email, ip),
      Date.now(),
      loginFreeFailures,
      loginFreeFailures * ADDRESS_FACTOR,
      BACKOFF_BASE_MS,
      loginBackoffMaxSeconds * 1_000,
      FAILURES_TTL_SECONDS,
      ACCOUNT_WINDOW_SECONDS,
    )) as [number, number];
    if (waitMs > 0) throw new LoginThrottledException(Math.ceil(waitMs / 1_000));
    const delay = slowdownMs(accountFailures, loginSlowdownAfter);
    if (delay > 0) await sleep(delay);
  }

  /** Call when the password was right. */
  async succeeded(email: string, ip: string): Promise<void> {
    await this.redis.eval(
      SUCCEEDED,
      3,
      ...this.keys(email, ip),
      this.config.auth.loginFreeFailures * ADDRESS_FACTOR,
    );
  }

  private keys(email: string, ip: string): [string, string, string] {
    const account = createHash('sha256').update(email).digest('hex');
    const address = createHash('sha256').update(ip).digest('hex');
    return [
      `uptake:login:pair:${account}:${address}`,
      `uptake:login:address:${address}`,
      `uptake:login:account:${account}`,
    ];
  }
}

/** The server-side delay of an attempt on an account that failed `failures` times in the last hour. */
export function slowdownMs(failures: number, after: number): number {
  return failures > after ? Math.min(SLOWDOWN_MAX_MS, (failures - after) * SLOWDOWN_STEP_MS) : 0;
}
