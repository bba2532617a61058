import { limitQueryShape, listQueryShape } from '@uptake/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** `?limit=`: lists are capped at 200 rows a request. */
export class LimitQuery extends createZodDto(z.strictObject(limitQueryShape)) {}

/** `?limit=&before=`: rows with increasing numeric ids, newest first, continued with `before`. */
export class ListQuery extends createZodDto(z.strictObject(listQueryShape)) {}
