import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@uptake/queues';
import { OrganisationSettingsController } from './organisation-settings.controller';
import { OrganisationSettingsService } from './organisation-settings.service';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';

@Module({
  // Settings: a time-zone change queues a rollup refresh and moves the sources' sync schedules.
  imports: [BullModule.registerQueue({ name: QUEUES.recompute }, { name: QUEUES.sync })],
  controllers: [OrganisationsController, OrganisationSettingsController],
  providers: [OrganisationsService, OrganisationSettingsService],
  exports: [OrganisationsService],
})
export class OrganisationsModule {}
