import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';

/** Injection token of the validated configuration object. */
export const UPTAKE_CONFIG = Symbol('UPTAKE_CONFIG');

@Global()
@Module({})
export class UptakeConfigModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: UptakeConfigModule,
      providers: [{ provide: UPTAKE_CONFIG, useValue: config }],
      exports: [UPTAKE_CONFIG],
    };
  }
}
