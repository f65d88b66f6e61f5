import { DynamicModule, Global, Module, Provider, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { AuditModule } from './audit/audit.module';
import { CalendarModule } from './calendar/calendar.module';
import { ChannelsModule } from './channels/channels.module';
import { ConsoleModule } from './console/console.module';
import { Clock } from './common/clock';
import { BodyParsingInterceptor } from './common/body-parsing';
import { GlobalErrorFilter } from './common/error.filter';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions, withUtcSessions } from './database/data-source';
import { DataSource } from 'typeorm';
import { HealthModule } from './health/health.module';
import { MailModule } from './notifications/mail.module';
import { NotificationsModule } from './notifications/notifications.module';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { EvidenceWorkerModule } from './evidence/evidence-worker.module';
import { OrgModule } from './org/org.module';
import { QueueModule } from './queue/queue.module';
import { RequirementsModule } from './requirements/requirements.module';
import { EvidenceModule } from './evidence/evidence.module';
import { RectificationModule } from './rectification/rectification.module';
import { ChecklistsModule, ChecklistsWorkerModule } from './checklists/checklists.module';
import { ReportsModule } from './reports/reports.module';

export interface AppModuleOptions {
  /** Replaces the system clock (tests, replays). */
  clock?: Clock;
}

@Global()
@Module({})
class ClockModule {
  static forRoot(clock?: Clock): DynamicModule {
    const provider: Provider = clock ? { provide: Clock, useValue: clock } : Clock;
    return { module: ClockModule, providers: [provider], exports: [Clock] };
  }
}

/**
 * The whole application. `APP_ROLE` decides what runs: `api` serves HTTP, `worker` runs the
 * queue processors and job schedulers, `all` both. Feature modules put their processors in
 * a separate `XWorkerModule` listed in `workerModules`, so an API replica never consumes jobs.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    const worker = config.appRole === 'worker' || config.appRole === 'all';
    const workerModules: DynamicModule['imports'] = [ChecklistsWorkerModule, NotificationsWorkerModule, EvidenceWorkerModule];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(options.clock),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req, res) => {
              const incoming = req.headers['x-request-id'];
              const id = typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/health' },
          },
          forRoutes: [{ path: '*path', method: RequestMethod.ALL }],
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(config.databaseUrl), autoLoadEntities: true }),
          dataSourceFactory: async (options) => withUtcSessions(new DataSource(options!)).initialize(),
        }),
        QueueModule,
        MailModule,
        HealthModule,
        AuditModule,
        CalendarModule,
        OrgModule,
        ChannelsModule,
        RequirementsModule,
        EvidenceModule,
        RectificationModule,
        ChecklistsModule,
        NotificationsModule,
        ReportsModule,
        ConsoleModule,
        ...(worker ? workerModules : []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: GlobalErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: BodyParsingInterceptor },
      ],
    };
  }
}
