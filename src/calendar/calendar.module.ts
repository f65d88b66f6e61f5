import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarController } from './calendar.controller';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { CalendarDayEntity } from './entities/calendar-day.entity';

/** Global: every module computes deadlines with CalendarService. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([CalendarDayEntity])],
  controllers: [CalendarController],
  providers: [CalendarRepository, CalendarService],
  exports: [CalendarService],
})
export class CalendarModule {}
