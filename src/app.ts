import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { json, NextFunction, raw, Request, Response, urlencoded } from 'express';
import { configureViews } from './console/views';
import { Logger } from 'nestjs-pino';
import { AppModule, AppModuleOptions } from './app.module';
import { IMPORT_MAX_BYTES, RAW_UPLOAD_TYPES } from './common/upload';
import { completeErrorResponses } from './common/openapi';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/config';

export const API_PREFIX = 'api/v1';

/** Builds the HTTP application exactly as production runs it; tests use the same function. */
export async function createHttpApp(config: AppConfig, options: AppModuleOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.use(cookieParser());
  app.use(json({ limit: '20mb' }));
  app.use(urlencoded({ extended: false, limit: '2mb' }));
  // Publication imports stream the request themselves (a million rows never sit in memory);
  // every other import gets its file buffered by the raw parser.
  const rawParser = raw({ type: RAW_UPLOAD_TYPES, limit: IMPORT_MAX_BYTES });
  app.use((req: Request, res: Response, next: NextFunction) => (req.path === `/${API_PREFIX}/publications/import` ? next() : rawParser(req, res, next)));
  // The console lives at / and under /console; those paths are never API paths.
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: '/', method: RequestMethod.GET },
      { path: 'login', method: RequestMethod.ALL },
      { path: 'logout', method: RequestMethod.ALL },
      { path: 'console', method: RequestMethod.ALL },
      { path: 'console/*path', method: RequestMethod.ALL },
    ],
  });
  configureViews(app, config);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  setupOpenApi(app);
  return app;
}

/** A worker without HTTP: processors and schedulers only. */
export async function createWorkerApp(config: AppConfig, options: AppModuleOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, options), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app as unknown as INestApplication;
}

function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Duban 督办 API')
      .setDescription('政务公开工作要求清单、整改任务与提醒。Base path /api/v1; Authorization: Bearer <token> from POST /api/v1/auth/login.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  completeErrorResponses(document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
