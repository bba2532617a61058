import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { KpisController } from './kpis.controller';
import { KpisService } from './kpis.service';

@Module({
  imports: [OrganisationsModule],
  controllers: [KpisController],
  providers: [KpisService],
  exports: [KpisService],
})
export class KpisModule {}
