import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { OrgModule } from '../org/org.module';
import { ConsoleAdminPage } from './admin.page';
import { ConsoleAuthPage } from './auth.page';
import { ConsoleGuard } from './console.guard';
import { HomeData } from './home-data';
import { ConsoleHomePage } from './home.page';

/** The web console (Chinese, server-rendered) on the same services and scope as the API. */
@Module({
  imports: [OrgModule, ChannelsModule],
  controllers: [ConsoleAuthPage, ConsoleHomePage, ConsoleAdminPage],
  providers: [ConsoleGuard, HomeData],
})
export class ConsoleModule {}
