import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@uptake/queues';
import { ConnectionTestService } from './connection-test.service';
import { ConnectorsController } from './connectors.controller';
import { SourcesController } from './sources.controller';
import { SourcesService } from './sources.service';
import { SyncRunsController } from './sync-runs.controller';
import { SyncRunsService } from './sync-runs.service';
import { UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.sync }, { name: QUEUES.recompute })],
  controllers: [ConnectorsController, SourcesController, SyncRunsController, UploadsController],
  providers: [ConnectionTestService, SourcesService, SyncRunsService, UploadsService],
  exports: [SourcesService],
})
export class SourcesModule {}
