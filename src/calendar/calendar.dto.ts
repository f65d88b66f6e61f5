import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsInstant, IsLocalDate } from '../common/validation';
import { DAY_KINDS, DayKind, PeriodCount } from './working-days';

export class DaysQuery {
  @ApiProperty({ example: '2022-10-01' }) @IsLocalDate() from: string;
  @ApiProperty({ example: '2022-10-31' }) @IsLocalDate() to: string;
}

export class DeadlineQuery {
  @ApiProperty({ example: '2022-09-29T10:00:00+08:00', description: 'the instant the period starts; without an offset it is local time' })
  @IsInstant()
  from: string;

  @ApiProperty({ example: 5 }) @Type(() => Number) @IsInt() @Min(0) @Max(3650) days: number;

  @ApiPropertyOptional({ enum: ['working', 'calendar'], default: 'working' })
  @IsOptional()
  @IsIn(['working', 'calendar'])
  count: PeriodCount = 'working';
}

export class UpdateDayDto {
  @ApiProperty({ enum: DAY_KINDS }) @IsIn(DAY_KINDS) kind: DayKind;
  @ApiPropertyOptional({ example: '国庆节' }) @IsOptional() @IsString() @MaxLength(50) name?: string;
}

export class HolidayDto {
  @ApiProperty({ example: '2027-10-01' }) @IsLocalDate() date: string;
  @ApiProperty({ example: '国庆节' }) @IsString() @IsNotEmpty() @MaxLength(50) name: string;
}

export class YearNoticeDto {
  @ApiProperty({ type: [HolidayDto] })
  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => HolidayDto)
  holidays: HolidayDto[];

  @ApiProperty({ type: [String], example: ['2027-09-26'] })
  @IsArray()
  @ArrayMaxSize(366)
  @IsLocalDate({ each: true, message: 'makeupWorkdays 中每一项都必须是有效日期，格式 YYYY-MM-DD' })
  makeupWorkdays: string[];
}

export interface CalendarDayResponse {
  date: string;
  workday: boolean;
  kind: DayKind;
  name?: string;
}
