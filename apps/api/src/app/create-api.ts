import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ResolvedConfig } from '@uptake/config';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';

export const API_PREFIX = 'api';

/** Builds the HTTP application (not yet listening): used by main.ts and by the integration tests. */
export async function createApi(
  config: ResolvedConfig,
): Promise<{ app: INestApplication; openApi: OpenAPIObject }> {
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  app.enableShutdownHooks();

  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Uptake API')
      .setDescription(
        'Social-adoption analytics: organisations, activity KPIs, data sources and sync runs. ' +
          'Aggregates over fewer than k distinct people are suppressed.',
      )
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, openApi, {
    jsonDocumentUrl: `${API_PREFIX}/docs/openapi.json`,
  });
  return { app, openApi };
}
