import { Module } from '@nestjs/common';
import { KpisModule } from '../kpis/kpis.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { BusinessCaseController } from './business-case.controller';
import { BusinessCaseService } from './business-case.service';
import { effectCacheProvider, EffectsService } from './effects.service';
import { GoalMeasurementController } from './goal-measurement.controller';
import { GoalMeasurementService } from './goal-measurement.service';
import { InterventionsController } from './interventions.controller';
import { InterventionsService } from './interventions.service';

/** The measured business case: interventions, effects, a goal's measurement and baseline, cost, the report. */
@Module({
  imports: [KpisModule, OrganisationsModule],
  controllers: [InterventionsController, GoalMeasurementController, BusinessCaseController],
  providers: [
    effectCacheProvider,
    EffectsService,
    InterventionsService,
    GoalMeasurementService,
    BusinessCaseService,
  ],
  exports: [BusinessCaseService],
})
export class BusinessCaseModule {}
