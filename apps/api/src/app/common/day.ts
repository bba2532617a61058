import { isCalendarDay } from '@uptake/config';
import { ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * With `@Matches(YYYY-MM-DD)`: the day must also exist (2026-02-30 does not, and would reach Postgres as a
 * 500). A value of the wrong shape is left to the `@Matches` message.
 */
@ValidatorConstraint({ name: 'realDay' })
export class IsRealDay implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value !== 'string' || !ISO_DAY.test(value) || isCalendarDay(value);
  }

  defaultMessage(): string {
    return '$property must be a real calendar date (got "$value")';
  }
}
