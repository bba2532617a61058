import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ResolvedConfig } from '@uptake/config';
import { WorkerModule } from './worker.module';

/** Starts every queue's worker in a Nest application context (no HTTP). */
export async function createWorker(config: ResolvedConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: config.logLevel === 'silent' ? false : ['log', 'warn', 'error'],
  });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
