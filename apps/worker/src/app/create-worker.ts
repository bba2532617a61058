import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loggerOptions, type ResolvedConfig } from '@uptake/config';
import { Logger, PinoLogger, type Params } from 'nestjs-pino';
import type { PrettyOptions } from 'pino-pretty';
import { WorkerModule } from './worker.module';

type PinoHttpOptions = ReturnType<typeof loggerOptions>;

/**
 * LOG_FORMAT=pretty (a worker run on its own, e.g. `nx serve worker`; under `npm start` the worker writes JSON
 * and the launcher formats it) formatted in this thread. pino runs a `transport` in a
 * worker thread of its own: a second V8 isolate with pino-pretty loaded into it and a 4 MB shared buffer,
 * about 15 MB RSS of an idle worker (measured: 12 threads and ~15 MB more than with no transport). The
 * worker logs per job, not per record, so formatting its lines here costs nothing measurable. Written
 * synchronously (as console.log is to a pipe), so no line is lost when the process exits right after
 * logging. Any other transport, and production's plain JSON to stdout, are passed through unchanged.
 */
export async function inThreadLogging(options: PinoHttpOptions): Promise<Params['pinoHttp']> {
  const { transport, ...rest } = options;
  if (!transport || !('target' in transport) || transport.target !== 'pino-pretty') return options;
  // Loaded only here: production never formats, and so never loads pino-pretty.
  const { build } = await import('pino-pretty');
  return [rest, build({ ...(transport.options as PrettyOptions | undefined), sync: true })];
}

/** Starts every queue's processor in a Nest application context (no HTTP), logging like the API. */
export async function createWorker(config: ResolvedConfig): Promise<INestApplicationContext> {
  const logging: Params = { pinoHttp: await inThreadLogging(loggerOptions(config)) };
  // Given from the start rather than buffered until the context is up: a store that does not answer at
  // start is reported while the worker waits for it.
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new Logger(new PinoLogger(logging), logging),
  });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
