import { BullModule } from '@nestjs/bullmq';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueName } from '../queue/queues';
import { NotificationSettingEntity } from './entities/notification-setting.entity';
import { NotificationEntity } from './entities/notification.entity';
import { MailTemplates } from './mail-templates';
import { NotificationQueue } from './notification-queue';
import { NotificationSender } from './notification-sender';
import { NotificationsController, RemindersController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { NotificationsSweeper } from './notifications-sweeper';
import { ReminderSettingsService } from './reminder-settings.service';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';

/**
 * Reminder planning, the outbox and its admin API. Every role has it (an API replica plans on
 * POST /reminders/run and queues); sending runs only in NotificationsWorkerModule.
 */
@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity, NotificationSettingEntity]), BullModule.registerQueue({ name: QueueName.Notifications })],
  controllers: [RemindersController, NotificationsController],
  providers: [
    NotificationsRepository,
    RemindersRepository,
    NotificationQueue,
    MailTemplates,
    ReminderSettingsService,
    RemindersService,
    NotificationsService,
    NotificationSender,
    NotificationsSweeper,
  ],
  exports: [NotificationsService, RemindersService, NotificationSender, NotificationsSweeper, ReminderSettingsService, NotificationQueue, BullModule],
})
export class NotificationsModule implements OnModuleInit {
  constructor(private readonly templates: MailTemplates) {}

  /** A missing or broken template stops the app at start, not at the first reminder. */
  onModuleInit(): void {
    this.templates.check();
  }
}
