import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { ChecklistsModule } from '../checklists/checklists.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { RectificationModule } from '../rectification/rectification.module';
import { ReportsModule } from '../reports/reports.module';
import { RequirementsModule } from '../requirements/requirements.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgModule } from '../org/org.module';
import { ConsoleAdminPage } from './admin.page';
import { ConsoleAuthPage } from './auth.page';
import { ConsoleChecklistItemPage, ConsoleChecklistsPage } from './checklists.page';
import { ConsoleMessagesPage } from './messages.page';
import { ConsoleReportsPage } from './reports.page';
import { ConsoleRequirementsPage } from './requirements.page';
import { ConsoleRemindersPage } from './reminders.page';
import { ConsoleTasksPage } from './tasks.page';
import { ConsoleGuard } from './console.guard';
import { HomeData } from './home-data';
import { ConsoleHomePage } from './home.page';

/** The web console (Chinese, server-rendered) on the same services and scope as the API. */
@Module({
  imports: [OrgModule, ChannelsModule, RectificationModule, ChecklistsModule, EvidenceModule, ReportsModule, RequirementsModule, NotificationsModule],
  controllers: [
    ConsoleAuthPage,
    ConsoleHomePage,
    ConsoleTasksPage,
    ConsoleChecklistsPage,
    ConsoleChecklistItemPage,
    ConsoleMessagesPage,
    ConsoleReportsPage,
    ConsoleRequirementsPage,
    ConsoleRemindersPage,
    ConsoleAdminPage,
  ],
  providers: [ConsoleGuard, HomeData],
})
export class ConsoleModule {}
