import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DAY_KINDS, DayKind, PeriodCount } from './working-days';

// Response schemas of /api/docs for the working-day calendar (see common/openapi.ts).

export class CalendarDay {
  @ApiProperty({ example: '2022-10-08' }) date: string;
  @ApiProperty({ description: 'true for workday and makeup_workday' }) workday: boolean;
  @ApiProperty({ enum: DAY_KINDS }) kind: DayKind;
  @ApiPropertyOptional({ example: '国庆节' }) name?: string;
}

export class Deadline {
  @ApiProperty({ description: 'the start instant, as read' }) from: Date;
  @ApiProperty() days: number;
  @ApiProperty({ enum: ['working', 'calendar'] }) count: PeriodCount;
  @ApiProperty({ example: '2022-10-11', description: 'the last local day of the period' }) lastDay: string;
  @ApiProperty({ description: '24:00 local of lastDay (Civil Code arts. 201, 203)' }) dueAt: Date;
}

export class NamedHoliday {
  @ApiProperty({ example: '2027-10-01' }) date: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '国庆节' }) name?: string | null;
}

export class CalendarYear {
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ description: 'days stored for the year' }) days: number;
  @ApiProperty({ type: [NamedHoliday] }) holidays: NamedHoliday[];
  @ApiProperty({ type: [String], example: ['2027-09-26'] }) makeupWorkdays: string[];
}
