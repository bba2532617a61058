import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  acknowledgementsImportSchema,
  acknowledgementsResultSchema,
  governanceReportSchema,
  guidelinesSchema,
  type AcknowledgementsResult,
  type GovernanceReport,
} from '@uptake/contracts';
import { createZodDto } from 'nestjs-zod';
import { KPI_READERS, OrganisationRoles } from '../auth/auth.decorators';
import { UUID } from '../common/params';
import { ROLLOUT_EDITORS } from '../rollouts/rollouts.controller';
import { GovernanceService } from './governance.service';

class GuidelinesDto extends createZodDto(guidelinesSchema) {}
class AcknowledgementsImportDto extends createZodDto(acknowledgementsImportSchema) {}
class AcknowledgementsResultDto extends createZodDto(acknowledgementsResultSchema) {}
class GovernanceReportDto extends createZodDto(governanceReportSchema) {}

@ApiTags('governance')
@Controller('organisations/:organisationId/governance')
export class GovernanceController {
  constructor(private readonly governance: GovernanceService) {}

  @Get()
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary: 'Current usage guidelines and the share of eligible people who acknowledged them',
  })
  @ApiOkResponse({ type: GovernanceReportDto.Output })
  report(@Param('organisationId', UUID) organisationId: string): Promise<GovernanceReport> {
    return this.governance.report(organisationId);
  }

  @Put('guidelines')
  @OrganisationRoles(...ROLLOUT_EDITORS)
  @ApiOperation({ summary: 'Publish a guidelines version (same version again = correction)' })
  @ApiOkResponse({ type: GovernanceReportDto.Output })
  publish(
    @Param('organisationId', UUID) organisationId: string,
    @Body() body: GuidelinesDto,
  ): Promise<GovernanceReport> {
    return this.governance.publish(organisationId, body);
  }

  @Post('acknowledgements')
  @OrganisationRoles(...ROLLOUT_EDITORS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Import who acknowledged a version (LMS/intranet export); identities are pseudonymised on arrival',
  })
  @ApiOkResponse({ type: AcknowledgementsResultDto.Output })
  importAcknowledgements(
    @Param('organisationId', UUID) organisationId: string,
    @Body() body: AcknowledgementsImportDto,
  ): Promise<AcknowledgementsResult> {
    return this.governance.importAcknowledgements(organisationId, body);
  }
}
