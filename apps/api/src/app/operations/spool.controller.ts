import { Controller, Get, Inject, NotFoundException } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import { spoolReportSchema, type SpoolReport } from '@uptake/contracts';
import { spoolUsage } from '@uptake/persistence';
import { createZodDto } from 'nestjs-zod';
import type { DataSource } from 'typeorm';
import { Authenticated, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { UPTAKE_CONFIG } from '../config/config.module';
import { isOperator } from './operators';

class SpoolReportDto extends createZodDto(spoolReportSchema) {}

/** Spool usage for operators: it spans all organisations, so it is theirs alone, like the queue board. */
@ApiTags('operations')
@Controller('admin/spool')
export class SpoolController {
  constructor(
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'Spool usage: uploads and webhook batches on disk (operators only)',
    description:
      'Files waiting for or kept by their runs. The worker removes files no run needs once older than ' +
      'SPOOL_ORPHAN_GRACE_MINUTES, and a failed run’s file SPOOL_FAILED_RETENTION_DAYS after the failure.',
  })
  @ApiOkResponse({ type: SpoolReportDto.Output })
  @ApiNotFoundResponse({ description: 'The caller is not an operator (OPERATOR_EMAILS)' })
  async usage(@CurrentPrincipal() principal: Principal): Promise<SpoolReport> {
    if (!(await isOperator(this.dataSource, this.config.operatorEmails, principal))) {
      throw new NotFoundException('Not Found');
    }
    const usage = await spoolUsage(this.config.spoolDir);
    return {
      files: usage.files,
      bytes: usage.bytes,
      oldestModifiedAt: usage.oldestModifiedAt?.toISOString() ?? null,
      truncated: usage.truncated,
      orphanGraceMinutes: this.config.reconciler.spoolOrphanGraceMs / 60_000,
      failedRetentionDays: this.config.reconciler.failedSpoolRetentionMs / 86_400_000,
    };
  }
}
