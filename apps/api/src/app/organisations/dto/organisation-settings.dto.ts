import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  isIanaTimeZone,
  TIME_ZONE_MESSAGE,
  ORGANISATION_SETTINGS_LIMITS as LIMITS,
  type OrganisationSettings,
  type OrganisationSettingsChange,
  type OrganisationSettingsField,
  type OrganisationSettingsPatch,
} from '@uptake/contracts';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';

/** Fields may be left out, but not sent as null (every setting has a value). */
const IfPresent = () => ValidateIf((_object, value) => value !== undefined);
const got = (value: unknown) =>
  typeof value === 'string' && value.length > 40 ? `${value.length} characters` : JSON.stringify(value);

/**
 * One check and one message per numeric field ("minGroupSize must be a whole number from 2 to 100 (got 1)"),
 * instead of one message per failed rule.
 */
function NumberIn(range: { min: number; max: number }, kind: 'whole number' | 'amount'): PropertyDecorator {
  const shape = kind === 'whole number' ? /^\d+$/ : /^\d+(\.\d{1,2})?$/;
  const what = kind === 'whole number' ? 'a whole number' : 'an amount (at most 2 decimals)';
  return ValidateBy({
    name: 'numberIn',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' && value >= range.min && value <= range.max && shape.test(String(value)),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} must be ${what} from ${range.min} to ${range.max.toLocaleString('en-US')} (got ${got(args?.value)})`,
    },
  });
}

/** 1 to 120 characters once trimmed, no control characters (they would break titles, lists and exports). */
function IsOrganisationName(): PropertyDecorator {
  const problem = (value: unknown): string | null => {
    if (typeof value !== 'string') return `must be text (got ${got(value)})`;
    if (value.length === 0) return 'must not be empty';
    if (value.length > LIMITS.nameMaxLength)
      return `must be at most ${LIMITS.nameMaxLength} characters (got ${value.length})`;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(value)) return `must not contain control characters (got ${got(value)})`;
    return null;
  };
  return ValidateBy({
    name: 'organisationName',
    validator: {
      validate: (value: unknown) => problem(value) === null,
      defaultMessage: (args?: ValidationArguments) => `${args?.property} ${problem(args?.value)}`,
    },
  });
}

/** Known to this Node's ICU; the service checks Postgres knows it too. */
function IsTimeZone(): PropertyDecorator {
  return ValidateBy({
    name: 'timeZone',
    validator: {
      validate: isIanaTimeZone,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} ${TIME_ZONE_MESSAGE} (got ${got(args?.value)})`,
    },
  });
}

const TIME_ZONE_DESCRIPTION =
  'IANA zone (e.g. Europe/Berlin) of the day and week boundaries of every KPI. Changing it queues a refresh ' +
  "of the organisation's rollups over all its events; until it has run, KPIs show the old zone's days.";

export class OrganisationSettingsDto implements OrganisationSettings {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ minLength: 1, maxLength: LIMITS.nameMaxLength })
  name: string;

  @ApiProperty({ example: 'Europe/Berlin', description: TIME_ZONE_DESCRIPTION })
  timeZone: string;

  @ApiProperty({
    minimum: LIMITS.minGroupSize.min,
    maximum: LIMITS.minGroupSize.max,
    description: 'k: aggregates over fewer distinct people are withheld',
  })
  minGroupSize: number;

  @ApiProperty({
    minimum: LIMITS.workingDaysPerYear.min,
    maximum: LIMITS.workingDaysPerYear.max,
    default: 220,
    description: "Business goals' value model: working days a year, for goals that set none",
  })
  workingDaysPerYear: number;

  @ApiProperty({
    minimum: LIMITS.defaultHourlyCost.min,
    maximum: LIMITS.defaultHourlyCost.max,
    default: 60,
    description:
      "Business goals' value model: cost of an hour of work (in the goal's currency), for goals that set none",
  })
  defaultHourlyCost: number;
}

/** PATCH body: only the fields to change; unknown fields (perturbation among them) are refused. */
export class UpdateOrganisationSettingsDto implements OrganisationSettingsPatch {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: LIMITS.nameMaxLength,
    example: 'Acme Ltd',
    description: 'Trimmed; no control characters',
  })
  @IfPresent()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsOrganisationName()
  name?: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin', description: TIME_ZONE_DESCRIPTION })
  @IfPresent()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: LIMITS.minGroupSize.min,
    maximum: LIMITS.minGroupSize.max,
    example: 5,
    description: 'k; changing it needs no refresh (cached reports are keyed by it)',
  })
  @IfPresent()
  @NumberIn(LIMITS.minGroupSize, 'whole number')
  minGroupSize?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: LIMITS.workingDaysPerYear.min,
    maximum: LIMITS.workingDaysPerYear.max,
    example: 220,
  })
  @IfPresent()
  @NumberIn(LIMITS.workingDaysPerYear, 'whole number')
  workingDaysPerYear?: number;

  @ApiPropertyOptional({
    minimum: LIMITS.defaultHourlyCost.min,
    maximum: LIMITS.defaultHourlyCost.max,
    example: 60,
    description: 'A currency amount: at most 2 decimals',
  })
  @IfPresent()
  @NumberIn(LIMITS.defaultHourlyCost, 'amount')
  defaultHourlyCost?: number;
}

class RollupRefreshDto {
  @ApiProperty({ format: 'date-time', description: 'Two days before the first event' })
  from: string;

  @ApiProperty({ format: 'date-time', description: 'Two days after the last event' })
  to: string;
}

const FIELDS: OrganisationSettingsField[] = [
  'name',
  'timeZone',
  'minGroupSize',
  'workingDaysPerYear',
  'defaultHourlyCost',
];

export class OrganisationSettingsChangeDto implements OrganisationSettingsChange {
  @ApiProperty({ type: OrganisationSettingsDto })
  settings: OrganisationSettingsDto;

  @ApiProperty({ enum: FIELDS, isArray: true, description: 'Fields whose value changed (audited)' })
  changed: OrganisationSettingsField[];

  @ApiProperty({
    type: RollupRefreshDto,
    nullable: true,
    description:
      'The rollup refresh queued on the recompute queue because the time zone changed (null otherwise or without events)',
  })
  rollupRefresh: RollupRefreshDto | null;
}
