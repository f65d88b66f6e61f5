import { Injectable } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service';
import { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { UnitsService } from '../org/units.service';

/** Gathers the home page of each role from the modules' services (scope applies as in the API). */
@Injectable()
export class HomeData {
  constructor(
    private readonly units: UnitsService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  async forActor(actor: Actor): Promise<Record<string, unknown>> {
    const now = this.clock.now();
    const today = this.calendar.localDateOf(now);
    const unit = await this.units.get(actor, actor.unitId);
    const workingDay = await this.calendar.isWorkingDay(today).catch(() => null);
    return { today, unit, workingDay };
  }
}
