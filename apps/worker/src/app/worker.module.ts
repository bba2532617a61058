import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ResolvedConfig } from '@uptake/config';
import { dataSourceOptions } from '@uptake/persistence';
import { UPTAKE_CONFIG } from './config.tokens';
import { SyncRunService } from './sync/sync-run.service';
import { SyncWorker } from './sync/sync.worker';

@Global()
@Module({})
export class WorkerModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(config.database.url))],
      providers: [{ provide: UPTAKE_CONFIG, useValue: config }, SyncRunService, SyncWorker],
      exports: [UPTAKE_CONFIG],
    };
  }
}
