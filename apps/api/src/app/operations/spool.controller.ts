import { Controller, Get, Inject, NotFoundException } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import { spoolReportSchema, type SpoolReport } from '@uptake/contracts';
import { spoolStoreFor, spoolUsage } from '@uptake/persistence';
import { createZodDto } from 'nestjs-zod';
import type { DataSource } from 'typeorm';
import { Authenticated, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { UPTAKE_CONFIG } from '../config/config.module';
import { spoolUnavailable } from '../sources/spool-unavailable';
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
    summary: 'Spool usage: uploads and webhook batches in the spool store (operators only)',
    description:
      'Files (or S3 objects, with SPOOL_STORE=s3) waiting for or kept by their runs. The worker removes ' +
      'files no run needs once older than SPOOL_ORPHAN_GRACE_MINUTES, and a failed run’s file ' +
      'SPOOL_FAILED_RETENTION_DAYS after the failure.',
  })
  @ApiOkResponse({ type: SpoolReportDto.Output })
  @ApiServiceUnavailableResponse({ description: 'The spool store (S3 bucket) cannot be listed right now' })
  @ApiNotFoundResponse({ description: 'The caller is not an operator (OPERATOR_EMAILS)' })
  async usage(@CurrentPrincipal() principal: Principal): Promise<SpoolReport> {
    if (!(await isOperator(this.dataSource, this.config.operatorEmails, principal))) {
      throw new NotFoundException('Not Found');
    }
    const usage = await spoolUsage(spoolStoreFor(this.config)).catch((error: unknown) => {
      throw spoolUnavailable(error, 'try again later');
    });
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
