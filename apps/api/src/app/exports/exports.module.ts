import { Module } from '@nestjs/common';
import { BusinessCaseModule } from '../business-case/business-case.module';
import { GoalsModule } from '../goals/goals.module';
import { KpisModule } from '../kpis/kpis.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RolloutsModule } from '../rollouts/rollouts.module';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

/** Downloads: every report as CSV/XLSX, the overview and the business case as PDF/PPTX. */
@Module({
  imports: [KpisModule, GoalsModule, BusinessCaseModule, RolloutsModule, OrganisationsModule],
  controllers: [ExportsController],
  providers: [ExportsService],
})
export class ExportsModule {}
