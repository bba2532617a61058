import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { GovernanceController } from './governance.controller';
import { GovernanceService } from './governance.service';

@Module({
  imports: [OrganisationsModule],
  controllers: [GovernanceController],
  providers: [GovernanceService],
})
export class GovernanceModule {}
