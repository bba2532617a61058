import { Catch, HttpStatus, Inject, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { ResolvedConfig } from '@uptake/config';
import { storePorts, unavailableStore, type StorePorts, type UnavailableStore } from '@uptake/queues';
import type { Response } from 'express';
import { UPTAKE_CONFIG } from '../config/config.module';

/** What a client is told to wait before trying again while a store is down. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

const MESSAGES: Record<UnavailableStore, string> = {
  postgres: 'The database is unavailable right now; try again in a few seconds.',
  redis: 'Redis (queues and sign-in limits) is unavailable right now; try again in a few seconds.',
  network: 'A service Uptake depends on is unreachable right now; try again in a few seconds.',
};

/**
 * Any request that fails because Postgres or Redis is unreachable (refused, cut, timed out, restarting)
 * gets 503 with Retry-After and a message naming the store, never a 500 with internals; every other error
 * goes on to Nest's default handling.
 */
@Catch()
export class StoreOutageFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(StoreOutageFilter.name);
  private readonly ports: StorePorts;

  constructor(@Inject(UPTAKE_CONFIG) config: ResolvedConfig) {
    super();
    this.ports = storePorts(config.database.url, config.redis.url);
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    const store = host.getType() === 'http' ? unavailableStore(exception, this.ports) : null;
    if (!store) return super.catch(exception, host);
    const response = host.switchToHttp().getResponse<Response>();
    this.logger.warn(`${store} unavailable: ${exception instanceof Error ? exception.message : exception}`);
    if (response.headersSent) {
      response.end();
      return;
    }
    response
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .setHeader('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS))
      .json({
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message: MESSAGES[store],
      });
  }
}
