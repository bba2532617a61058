import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HealthReport } from '@uptake/contracts';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { HealthReportDto } from './health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Public: load balancers probe it; it reveals only whether the stores answer. */
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthReportDto, description: 'Postgres and Redis are both reachable.' })
  @ApiServiceUnavailableResponse({ type: HealthReportDto, description: 'At least one store is down.' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    if (report.status !== 'ok') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
