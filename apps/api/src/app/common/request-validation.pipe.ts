import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { createZodValidationPipe } from 'nestjs-zod';
import type { ZodError } from 'zod';

/**
 * One line per problem, naming the field: `from must be a calendar date YYYY-MM-DD (got "2026-02-30")`, and
 * `property colour should not exist` for a key the schema does not know. The schema's messages say the rest
 * ("must be …"), so the API's 400 bodies read the same whatever shape was refused.
 */
export function describeZodIssues(error: ZodError): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push(`property ${path ? `${path}.${key}` : key} should not exist`);
      continue;
    }
    lines.push(path ? `${path} ${issue.message}` : issue.message);
  }
  return lines;
}

const ZodPipe = createZodValidationPipe({
  createValidationException: (error) =>
    new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: describeZodIssues(error as ZodError),
    }),
});

function isZodDto(metatype: unknown): boolean {
  return typeof metatype === 'function' && (metatype as { isZodDto?: unknown }).isZodDto === true;
}

/**
 * The API's one input pipe: a parameter typed with a DTO made from a contract schema (`createZodDto`) is
 * parsed by that schema (defaults applied, unknown keys refused). Every body and query is such a DTO; path
 * ids have their own pipe (`UUID`), and the rest (a webhook batch, a streamed upload) is checked where it
 * is read.
 */
@Injectable()
export class RequestValidationPipe implements PipeTransform {
  private readonly zod = new ZodPipe();

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    return isZodDto(metadata.metatype) ? this.zod.transform(value, metadata) : value;
  }
}
