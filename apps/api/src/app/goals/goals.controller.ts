import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { KPI_READERS, OrganisationRoles } from '../auth/auth.decorators';
import { UUID } from '../common/params';
import { CreateGoalDto, GoalDto, UpdateGoalDto } from './dto/goal.dto';
import { GoalsService } from './goals.service';

/** Who may set goals: admins and change managers; executives read them. */
const GOAL_EDITORS = ['admin', 'change_manager'] as const;

@ApiTags('goals')
@Controller('organisations/:organisationId/goals')
export class GoalsController {
  constructor(private readonly goals: GoalsService) {}

  @Get()
  @OrganisationRoles(...KPI_READERS)
  @ApiOperation({ summary: 'Business goals with progress, trend, projected date and estimated annual value' })
  @ApiOkResponse({ type: [GoalDto] })
  list(@Param('organisationId', UUID) organisationId: string): Promise<GoalDto[]> {
    return this.goals.list(organisationId);
  }

  @Post()
  @OrganisationRoles(...GOAL_EDITORS)
  @ApiCreatedResponse({ type: GoalDto })
  create(
    @Param('organisationId', UUID) organisationId: string,
    @Body() body: CreateGoalDto,
  ): Promise<GoalDto> {
    return this.goals.create(organisationId, body);
  }

  @Patch(':goalId')
  @OrganisationRoles(...GOAL_EDITORS)
  @ApiOkResponse({ type: GoalDto })
  update(
    @Param('organisationId', UUID) organisationId: string,
    @Param('goalId', UUID) goalId: string,
    @Body() body: UpdateGoalDto,
  ): Promise<GoalDto> {
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
