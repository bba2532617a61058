import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  Validate,
  ValidateNested,
} from 'class-validator';
import { IsRealDay } from '../../common/day';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class GuidelinesDto {
  @ApiProperty({ example: '2.0' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  version: string;

  @ApiProperty({ example: 'Working out loud: how we use Viva Engage' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ format: 'date', description: 'From EVENT_EARLIEST_DATE up to 10 years ahead' })
  @Matches(DAY, { message: 'publishedOn must be a date YYYY-MM-DD' })
  @Validate(IsRealDay)
  publishedOn: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2048 })
  @IsOptional()
  @MaxLength(2048)
  @IsUrl({ require_protocol: true }, { message: 'url must be an absolute http(s) URL' })
  url?: string | null;
}

export class AcknowledgementDto {
  @ApiProperty({
    description: 'The person as the directory knows them (e-mail, or the HR id used by the directory import)',
    example: 'ada@example.com',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(320)
  person: string;

  @ApiPropertyOptional({ format: 'date', description: 'From EVENT_EARLIEST_DATE up to tomorrow (UTC)' })
  @IsOptional()
  @Matches(DAY, { message: 'acknowledgedOn must be a date YYYY-MM-DD' })
  @Validate(IsRealDay)
  acknowledgedOn?: string;
}

/** An export of the LMS or intranet: who acknowledged which version. Identities are hashed at once. */
export class AcknowledgementsImportDto {
  @ApiProperty({ example: '2.0', maxLength: 40 })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  version: string;

  @ApiProperty({ type: [AcknowledgementDto], maxItems: 100_000 })
  @IsArray()
  @ArrayMaxSize(100_000)
  @ValidateNested({ each: true })
  @Type(() => AcknowledgementDto)
  people: AcknowledgementDto[];
}

export class AcknowledgementsResultDto {
  @ApiProperty() version: string;
  @ApiProperty({ description: 'Rows received' }) received: number;
  @ApiProperty({ description: 'Rows matched to a person of the organisation and stored' }) matched: number;
  @ApiProperty({ description: 'Rows naming nobody known to Uptake (not stored)' }) unknown: number;
}

export class GovernanceReportDto {
  @ApiProperty({
    nullable: true,
    description: 'The latest published guidelines version',
    example: { version: '2.0', title: 'How we work out loud', publishedOn: '2026-01-15', url: null },
  })
  guidelines: { version: string; title: string; publishedOn: string; url: string | null } | null;
  @ApiProperty({ type: Number, nullable: true }) eligible: number | null;
  @ApiProperty({ type: Number, nullable: true }) acknowledged: number | null;
  @ApiProperty({ type: Number, nullable: true }) share: number | null;
}
