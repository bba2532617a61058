import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '@uptake/queues';
import { RolloutsController } from './rollouts.controller';
import { RolloutsService } from './rollouts.service';

@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.rollouts })],
  controllers: [RolloutsController],
  providers: [RolloutsService],
  exports: [RolloutsService],
})
export class RolloutsModule {}
