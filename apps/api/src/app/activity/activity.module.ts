import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ActivityController } from './activity.controller';
import { ActivityService } from './activity.service';

@Module({
  imports: [OrganisationsModule],
  controllers: [ActivityController],
  providers: [ActivityService],
})
export class ActivityModule {}
