import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { dailyActivitySeriesSchema, dateRangeQuerySchema, type DailyActivitySeries } from '@uptake/contracts';
import { createZodDto } from 'nestjs-zod';
import { KPI_READERS, OrganisationRoles } from '../auth/auth.decorators';
import { ActivityService } from './activity.service';
import { UUID } from '../common/params';

class DateRangeQueryDto extends createZodDto(dateRangeQuerySchema) {}
class DailyActivitySeriesDto extends createZodDto(dailyActivitySeriesSchema) {}

@ApiTags('activity')
@Controller('organisations/:organisationId/activity')
export class ActivityController {
  constructor(private readonly activity: ActivityService) {}

  @Get('daily')
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({
    summary: 'Daily active people and events',
    description:
      'Days are cut in the organisation time zone. Days with 1..k-1 active people are suppressed (null values with a reason).',
  })
  @ApiOkResponse({ type: DailyActivitySeriesDto.Output })
  @ApiBadRequestResponse({ description: 'Malformed date or range' })
  daily(
    @Param('organisationId', UUID) organisationId: string,
    @Query() range: DateRangeQueryDto,
  ): Promise<DailyActivitySeries> {
    return this.activity.daily(organisationId, range);
  }
}
