import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ResolvedConfig } from '@uptake/config';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { csrfProtection } from './auth/csrf';
import { RequestValidationPipe } from './common/request-validation.pipe';
import { rejectUnsafeJsonBody, rejectUnsafeUrl, verifyUtf8Body } from './common/request-hygiene';
import { serveDashboard } from './dashboard-files';
import { mountQueueBoard } from './operations/queue-board';
import { ConnectionDrain } from './operations/connection-drain';
import { ShutdownHooks } from './operations/shutdown-hooks';

export const API_PREFIX = 'api';

/** Builds the HTTP application (not yet listening): used by main.ts and by the integration tests. */
export async function createApi(
  config: ResolvedConfig,
): Promise<{ app: INestApplication; openApi: OpenAPIObject }> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // First, so that a stopping API closes every keep-alive connection after its current response.
  const drain = new ConnectionDrain();
  app.use(drain.middleware);
  // Paths and query strings that are not UTF-8 or hold NUL are refused first (see request-hygiene.ts).
  app.use(rejectUnsafeUrl);
  // JSON bodies up to 1 MB (file uploads get their own streaming endpoints with their own limits), UTF-8
  // only, at most MAX_JSON_DEPTH deep, no NUL or lone surrogate in any string: a 400 naming the field.
  app.useBodyParser('json', { limit: '1mb', verify: verifyUtf8Body });
  app.use(rejectUnsafeJsonBody);
  // Whose X-Forwarded-For/-Proto/-Host to believe: request.ip (throttling, audit) and request.secure (cookies).
  app.set('trust proxy', config.trustProxy);
  app.use(cookieParser());
  app.use(csrfProtection(config.corsOrigins));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI and the Angular app use inline styles; scripts stay same-origin only.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          // TLS is terminated in front of Uptake where it is used; on plain http://localhost upgrading breaks the page.
          'upgrade-insecure-requests': null,
        },
      },
      // HSTS belongs to the HTTPS front (reverse proxy), not to an app that may be served on plain localhost.
      strictTransportSecurity: false,
    }),
  );
  // Same origin by default (the API serves the dashboard); other origins only when configured.
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, credentials: true });
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(new RequestValidationPipe());
  app.enableShutdownHooks();
  const closeQueueBoard = mountQueueBoard(app, config);
  app.get(ShutdownHooks).add(closeQueueBoard);
  app.get(ShutdownHooks).onStart(() => drain.start(app.getHttpServer()));
  serveDashboard(app, config.dashboardDist);

  // nestjs-zod's DTOs leave placeholders that cleanupOpenApiDoc turns into the contracts' JSON Schemas.
  // OpenAPI 3.1: its schemas are JSON Schema 2020-12, which is what zod emits (3.0 has no `type: [x, null]`).
  const openApi = cleanupOpenApiDoc(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Uptake API')
        .setDescription(
          'Social-adoption analytics: organisations, activity KPIs, data sources and sync runs. ' +
            'Aggregates over fewer than k distinct people are suppressed. ' +
            'Every request: JSON bodies up to 1 MB, UTF-8, nested at most 32 levels, no NUL or lone ' +
            'surrogate in any string or key; query strings and paths UTF-8 without NUL; days from ' +
            'EVENT_EARLIEST_DATE to tomorrow (UTC), planning days up to 10 years ahead. Anything else is a ' +
            '400 naming the field or body position.',
        )
        .setVersion('0.1.0')
        .setOpenAPIVersion('3.1.0')
        .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API token (upt_...)' })
        .addCookieAuth('uptake_session', { type: 'apiKey', in: 'cookie', name: 'uptake_session' })
        .build(),
    ),
  );
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, openApi, {
    jsonDocumentUrl: `${API_PREFIX}/docs/openapi.json`,
  });
  return { app, openApi };
}
