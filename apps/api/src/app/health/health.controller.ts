import { Controller, Get, Header, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import {
  healthReportSchema,
  livenessReportSchema,
  readinessReportSchema,
  type HealthReport,
  type LivenessReport,
  type ReadinessReport,
} from '@uptake/contracts';
import { createZodDto } from 'nestjs-zod';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { HealthService } from './health.service';

class HealthReportDto extends createZodDto(healthReportSchema) {}
class LivenessReportDto extends createZodDto(livenessReportSchema) {}
class ReadinessReportDto extends createZodDto(readinessReportSchema) {}

/** Probes answer what is true now: no proxy or browser may keep an answer. */
const NO_STORE = ['Cache-Control', 'no-store'] as const;

/**
 * Probes are not rate limited: a load balancer polls them from one address all day, and they must answer
 * even when the limiter's store (Redis) does not.
 */
@ApiTags('health')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Public: load balancers probe it; it reveals only whether the stores answer. */
  @Get()
  @Public()
  @Header(...NO_STORE)
  @ApiOkResponse({ type: HealthReportDto.Output, description: 'Postgres and Redis are both reachable.' })
  @ApiServiceUnavailableResponse({ type: HealthReportDto.Output, description: 'At least one store is down.' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    if (report.status !== 'ok') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }

  /**
   * Liveness: touches no store, so an outage of Postgres or Redis never gets a healthy API restarted (it
   * answers 503 and recovers on its own); only a process whose event loop is stuck fails it.
   */
  @Get('live')
  @Public()
  @Header(...NO_STORE)
  @ApiOperation({ summary: 'Liveness: 200 while the process runs (no store is touched)' })
  @ApiOkResponse({ type: LivenessReportDto.Output })
  live(): LivenessReport {
    return { status: 'ok' };
  }

  /** Readiness: whether this instance should get traffic. Each check is limited to 2 s. */
  @Get('ready')
  @Public()
  @Header(...NO_STORE)
  @ApiOperation({
    summary: 'Readiness: 200 when Postgres and Redis answer and every migration is applied, else 503',
  })
  @ApiOkResponse({ type: ReadinessReportDto.Output, description: 'Ready for traffic.' })
  @ApiServiceUnavailableResponse({
    type: ReadinessReportDto.Output,
    description: 'Not ready: `notReady` names the components (postgres, redis, migrations) that are not up.',
  })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const report = await this.health.ready();
    if (report.status !== 'ready') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
