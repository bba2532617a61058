import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { healthReportSchema, type HealthReport } from '@uptake/contracts';
import { createZodDto } from 'nestjs-zod';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { HealthService } from './health.service';

class HealthReportDto extends createZodDto(healthReportSchema) {}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Public: load balancers probe it; it reveals only whether the stores answer. */
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthReportDto.Output, description: 'Postgres and Redis are both reachable.' })
  @ApiServiceUnavailableResponse({ type: HealthReportDto.Output, description: 'At least one store is down.' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    if (report.status !== 'ok') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
