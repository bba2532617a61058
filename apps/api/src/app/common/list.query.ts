import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** Lists are capped at 200 rows a request. */
export class LimitQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(200)
  limit = 50;
}

/** A capped list of rows with increasing numeric ids, newest first, continued with `before`. */
export class ListQuery extends LimitQuery {
  @ApiPropertyOptional({ description: 'Continue after this id (exclusive)' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'before must be an id from a previous page' })
  before?: string;
}
