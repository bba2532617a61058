import { ApiPropertyOptional } from '@nestjs/swagger';
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
    if (typeof value !== 'string' || !ISO_DAY.test(value)) return false;
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }
  defaultMessage(): string {
    return '$property must be a calendar date YYYY-MM-DD (got "$value")';
  }
}

export class DateRangeQuery {
  @ApiPropertyOptional({
    format: 'date',
    description: 'First day (inclusive). Default: 89 days before `to`.',
  })
  @IsOptional()
  @Matches(ISO_DAY, { message: 'from must look like YYYY-MM-DD' })
  @Validate(IsCalendarDay)
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Last day (inclusive). Default: the last day with activity.',
  })
  @IsOptional()
  @Matches(ISO_DAY, { message: 'to must look like YYYY-MM-DD' })
  @Validate(IsCalendarDay)
  to?: string;
}
