import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loggerOptions, type ResolvedConfig } from '@uptake/config';
import { Logger, PinoLogger, type Params } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/** Starts every queue's processor in a Nest application context (no HTTP), logging like the API. */
export async function createWorker(config: ResolvedConfig): Promise<INestApplicationContext> {
  const logging: Params = { pinoHttp: loggerOptions(config) };
  // Given from the start rather than buffered until the context is up: a store that does not answer at
  // start is reported while the worker waits for it.
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new Logger(new PinoLogger(logging), logging),
  });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
