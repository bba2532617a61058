import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { ResolvedConfig } from '@uptake/config';
import { User } from '@uptake/persistence';
import { FAIL_FAST_REDIS_OPTIONS, QUEUES, redisConnectionOptions } from '@uptake/queues';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { AccessTokensService } from '../auth/access-tokens.service';
import { requestToken } from '../auth/bearer';

export const QUEUE_BOARD_PATH = '/api/admin/queues';

/**
 * Bull Board for operators: every queue's waiting, active, delayed and failed jobs (the dead letters),
 * with retry. It spans all organisations (jobs hold only ids), so only users listed in OPERATOR_EMAILS
 * may open it; everyone else gets 404, as if it did not exist.
 */
export function mountQueueBoard(app: INestApplication, config: ResolvedConfig): () => Promise<void> {
  const connection = { ...redisConnectionOptions(config.redis.url), ...FAIL_FAST_REDIS_OPTIONS };
  const queues = Object.values(QUEUES).map((name) => new Queue(name, { connection }));
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Uptake queues' } },
  });
  const tokens = app.get(AccessTokensService);
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const operators = new Set(config.operatorEmails);

  const gate = async (request: Request, response: Response, next: NextFunction) => {
    const token = requestToken(request);
    const principal = token ? await tokens.authenticate(token) : undefined;
    const user = principal?.userId
      ? await dataSource.getRepository(User).findOneBy({ id: principal.userId })
      : null;
    if (principal?.kind === 'session' && user && operators.has(user.email)) return next();
    response.status(404).json({ statusCode: 404, message: 'Not Found' });
  };
  app.use(QUEUE_BOARD_PATH, (request: Request, response: Response, next: NextFunction) => {
    gate(request, response, next).catch(next);
  });
  app.use(QUEUE_BOARD_PATH, serverAdapter.getRouter());
  return async () => {
    await Promise.all(queues.map((queue) => queue.close()));
  };
}
