import { Module } from '@nestjs/common';
import { KpisModule } from '../kpis/kpis.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { GoalsController } from './goals.controller';
import { GoalsService } from './goals.service';

@Module({
  imports: [KpisModule, OrganisationsModule],
  controllers: [GoalsController],
  providers: [GoalsService],
  exports: [GoalsService],
})
export class GoalsModule {}
