import { ApiPropertyOptional } from '@nestjs/swagger';
import { isCalendarDay } from '@uptake/config';
import {
  IsOptional,
  Matches,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

@ValidatorConstraint({ name: 'calendarDay' })
class IsCalendarDay implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isCalendarDay(value);
  }
  defaultMessage(): string {
    return '$property must be a calendar date YYYY-MM-DD (got "$value")';
  }
}

export class DateRangeQuery {
  @ApiPropertyOptional({
    format: 'date',
    description:
      'First day (inclusive), not before EVENT_EARLIEST_DATE. Default: 89 days before `to`. At most 1,100 days before `to`.',
  })
  @IsOptional()
  @Matches(ISO_DAY, { message: 'from must look like YYYY-MM-DD' })
  @Validate(IsCalendarDay)
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    description:
      'Last day (inclusive), not after tomorrow (UTC). Default: the last day with activity (at the latest tomorrow).',
  })
  @IsOptional()
  @Matches(ISO_DAY, { message: 'to must look like YYYY-MM-DD' })
  @Validate(IsCalendarDay)
  to?: string;
}
