import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import { User } from '@uptake/persistence';
import { decoyPasswordHash, verifyPassword } from '@uptake/security';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UPTAKE_CONFIG } from '../config/config.module';
import { API_REDIS } from '../redis/redis.module';
import { AccessTokensService } from './access-tokens.service';
import type { MeDto, MembershipViewDto } from './dto/login.dto';
import type { Principal } from './principal';

const WINDOW_SECONDS = 60;

export class LoginThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        message: `Too many sign-in attempts; try again in ${retryAfterSeconds} s`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    @Inject(API_REDIS) private readonly redis: Redis,
    private readonly tokens: AccessTokensService,
    private readonly audit: AuditService,
  ) {}

  async login(
    email: string,
    password: string,
    ip: string,
  ): Promise<{ token: string; expiresAt: Date; me: MeDto }> {
    const normalised = email.trim().toLowerCase();
    await this.countAttempt(normalised, ip);

    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email: normalised })
      .getOne();
    // Verify against a decoy when the account does not exist, so timing does not reveal which e-mails exist.
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !valid || user.disabledAt) {
      await this.audit.record({
        action: 'auth.login_failed',
        actorUserId: user?.id ?? null,
        details: { email: normalised },
        ip,
      });
      throw new UnauthorizedException('E-mail or password is wrong');
    }

    await this.redis.del(this.accountKey(normalised)).catch(() => undefined);
    const session = await this.tokens.createSession(user.id);
    await this.dataSource.getRepository(User).update(user.id, { lastLoginAt: new Date() });
    const me = await this.me({ kind: 'session', tokenId: session.id, userId: user.id, roles: new Map() });
    // One audit entry per organisation, so each organisation's admins see their members' sign-ins.
    const organisations = me.memberships.length > 0 ? me.memberships.map((m) => m.organisationId) : [null];
    for (const organisationId of organisations) {
      await this.audit.record({ action: 'auth.login', organisationId, actorUserId: user.id, ip });
    }
    return { token: session.token, expiresAt: session.expiresAt, me };
  }

  async logout(principal: Principal, ip: string): Promise<void> {
    await this.tokens.revoke(principal.tokenId, {});
    await this.audit.record({ action: 'auth.logout', principal, ip });
  }

  async me(principal: Principal): Promise<MeDto> {
    const memberships: MembershipViewDto[] =
      principal.kind === 'session'
        ? await this.dataSource.query(
            `SELECT m.organisation_id AS "organisationId", o.name AS "organisationName", m.role
             FROM memberships m JOIN organisations o ON o.id = m.organisation_id
             WHERE m.user_id = $1 ORDER BY o.name`,
            [principal.userId],
          )
        : await this.dataSource.query(
            `SELECT id AS "organisationId", name AS "organisationName", $2::text AS role FROM organisations WHERE id = $1`,
            [...principal.roles.entries()][0],
          );
    const email =
      principal.kind === 'session' && principal.userId
        ? ((await this.dataSource.getRepository(User).findOneBy({ id: principal.userId }))?.email ?? null)
        : null;
    return { kind: principal.kind, userId: principal.userId, email, memberships };
  }

  /** Brute-force brake shared by all API instances: attempts per account and per client address per minute. */
  private async countAttempt(email: string, ip: string): Promise<void> {
    const limits: [string, number][] = [
      [this.accountKey(email), this.config.auth.loginAttemptsPerMinute],
      [`uptake:login:ip:${ip}`, this.config.auth.loginAttemptsPerMinute * 4],
    ];
    for (const [key, limit] of limits) {
      const [[, count], [, ttl]] = (await this.redis.multi().incr(key).ttl(key).exec()) as [
        [null, number],
        [null, number],
      ];
      if (ttl < 0) await this.redis.expire(key, WINDOW_SECONDS);
      if (count > limit) {
        await this.audit.record({ action: 'auth.login_throttled', details: { email }, ip });
        throw new LoginThrottledException(ttl > 0 ? ttl : WINDOW_SECONDS);
      }
    }
  }

  private accountKey(email: string): string {
    return `uptake:login:account:${createHash('sha256').update(email).digest('hex')}`;
  }
}
