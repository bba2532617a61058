import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { createGoalSchema, goalViewSchema, updateGoalSchema, type GoalView } from '@uptake/contracts';
import { createZodDto } from 'nestjs-zod';
import { KPI_READERS, OrganisationRoles } from '../auth/auth.decorators';
import { UUID } from '../common/params';
import { GoalsService } from './goals.service';

class CreateGoalDto extends createZodDto(createGoalSchema) {}
class UpdateGoalDto extends createZodDto(updateGoalSchema) {}
class GoalViewDto extends createZodDto(goalViewSchema) {}

/** Who may set goals: admins and change managers; executives read them. */
const GOAL_EDITORS = ['admin', 'change_manager'] as const;

@ApiTags('goals')
@Controller('organisations/:organisationId/goals')
export class GoalsController {
  constructor(private readonly goals: GoalsService) {}

  @Get()
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({ summary: 'Business goals with progress, trend, projected date and estimated annual value' })
  @ApiOkResponse({ type: [GoalViewDto.Output] })
  list(@Param('organisationId', UUID) organisationId: string): Promise<GoalView[]> {
    return this.goals.list(organisationId);
  }

  @Post()
  @OrganisationRoles(...GOAL_EDITORS)
  @ApiCreatedResponse({ type: GoalViewDto.Output })
  create(
    @Param('organisationId', UUID) organisationId: string,
    @Body() body: CreateGoalDto,
  ): Promise<GoalView> {
    return this.goals.create(organisationId, body);
  }

  @Patch(':goalId')
  @OrganisationRoles(...GOAL_EDITORS)
  @ApiOkResponse({ type: GoalViewDto.Output })
  update(
    @Param('organisationId', UUID) organisationId: string,
    @Param('goalId', UUID) goalId: string,
    @Body() body: UpdateGoalDto,
  ): Promise<GoalView> {
    return this.goals.update(organisationId, goalId, body);
  }

  @Delete(':goalId')
  @OrganisationRoles(...GOAL_EDITORS)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  async remove(
    @Param('organisationId', UUID) organisationId: string,
    @Param('goalId', UUID) goalId: string,
  ): Promise<void> {
    await this.goals.remove(organisationId, goalId);
  }
}
