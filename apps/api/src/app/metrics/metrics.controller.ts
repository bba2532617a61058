import { Controller, ForbiddenException, Get, Inject, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { metricsAccessAllowed, type ResolvedConfig } from '@uptake/config';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { UPTAKE_CONFIG } from '../config/config.module';
import { ApiMetrics } from './api-metrics';

/**
 * GET /api/metrics in Prometheus text format. Not in the OpenAPI document (not JSON, not for API clients).
 * Public to the session/token guard, but guarded by its own rule: METRICS_TOKEN as a bearer token, or, with
 * no token configured, loopback callers only (request.ip, so a trusted proxy's client address counts).
 */
@ApiExcludeController()
// Scrapes come from one Prometheus every few seconds and must not depend on the limiter's store (Redis).
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: ApiMetrics,
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Get()
  @Public()
  async scrape(@Req() request: Request, @Res() response: Response): Promise<void> {
    const token = this.config.metrics.token;
    const allowed = metricsAccessAllowed(token, {
      remoteAddress: request.ip,
      authorization: request.headers.authorization,
    });
    if (!allowed && token !== undefined) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException('Metrics need "Authorization: Bearer <METRICS_TOKEN>"');
    }
    if (!allowed)
      throw new ForbiddenException('Metrics are served to loopback only unless METRICS_TOKEN is set');
    const { contentType, text } = await this.metrics.scrape();
    // The content type exactly as prom-client names it (express's send() would rewrite its parameters).
    response.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
    response.end(text);
  }
}
