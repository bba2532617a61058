import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { metricsAccessAllowed, type ResolvedConfig } from '@uptake/config';
import type { LivenessReport, ReadinessReport } from '@uptake/contracts';
import { createRedisConnection, FAIL_FAST_REDIS_OPTIONS, probeStore, readinessReport } from '@uptake/queues';
import type { Redis } from 'ioredis';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { UPTAKE_CONFIG } from '../config.tokens';
import { WorkerMetrics } from './worker-metrics';

/**
 * The worker's probes and metrics on WORKER_HTTP_PORT (0, the default: no server), plain node:http as the
 * worker has no other HTTP: `/health/live` (200 while the event loop runs), `/health/ready` (Postgres and
 * Redis answer within 2 s each, else 503 naming what does not) and `/metrics` (Prometheus text; METRICS_TOKEN
 * as a bearer token, or loopback callers only when no token is set). Nothing else, and nothing is cached.
 */
@Injectable()
export class WorkerHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHttpServer.name);
  private server?: Server;
  /** Its own fail-fast connection: a PING must not wait in an offline queue while Redis is down. */
  private redis?: Redis;

  constructor(
    @Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: WorkerMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { host, port } = this.config.worker.http;
    if (port === 0) return;
    this.redis = createRedisConnection(this.config.redis.url, 'queue', FAIL_FAST_REDIS_OPTIONS);
    this.redis.on('error', () => undefined);
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: Error) => {
        this.logger.error(`${request.url}: ${error.message}`);
        if (!response.headersSent) send(response, 500, 'application/json', '{"error":"internal error"}');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.logger.log(`probes and metrics on http://${address.address}:${address.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    this.redis?.disconnect();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://worker').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, { error: 'only GET' });
    }
    if (path === '/health/live') return sendJson(response, 200, { status: 'ok' } satisfies LivenessReport);
    if (path === '/health/ready') {
      const report = await this.ready();
      return sendJson(response, report.status === 'ready' ? 200 : 503, report);
    }
    if (path === '/metrics') return this.serveMetrics(request, response);
    return sendJson(response, 404, { error: 'not found' });
  }

  private async ready(): Promise<ReadinessReport> {
    const [postgres, redis] = await Promise.all([
      probeStore(() => this.dataSource.query('SELECT 1')),
      probeStore(() => (this.redis as Redis).ping()),
    ]);
    return readinessReport({ postgres, redis });
  }

  private async serveMetrics(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const token = this.config.metrics.token;
    const allowed = metricsAccessAllowed(token, {
      remoteAddress: request.socket.remoteAddress,
      authorization: request.headers.authorization,
    });
    if (!allowed && token !== undefined) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      return sendJson(response, 401, { error: 'metrics need "Authorization: Bearer <METRICS_TOKEN>"' });
    }
    if (!allowed) {
      return sendJson(response, 403, {
        error: 'metrics are served to loopback only unless METRICS_TOKEN is set',
      });
    }
    const { contentType, text } = await this.metrics.scrape();
    send(response, 200, contentType, text);
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  response.end(body);
}
