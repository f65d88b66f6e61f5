import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { configureViews } from './console/views';
import { Logger } from 'nestjs-pino';
import { AppModule, AppModuleOptions } from './app.module';
import { securityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/config';

export const API_PREFIX = 'api/v1';

/** Builds the HTTP application exactly as production runs it; tests use the same function. */
export async function createHttpApp(config: AppConfig, options: AppModuleOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(securityHeaders({ https: config.publicUrl.startsWith('https://') }));
  app.use(cookieParser());
  // No body parser here: bodies are read per route, after the guards (common/body-parsing.ts).
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
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
