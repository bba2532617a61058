import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { ROLLOUT_BODY_PARTS } from '@uptake/contracts';
import type { ZodError, ZodType } from 'zod';
import { describeZodIssues } from '../common/request-validation.pipe';

type Issue = ZodError['issues'][number];
const PARTS: ReadonlySet<PropertyKey> = new Set(ROLLOUT_BODY_PARTS);

/** `gateCriteria[1].threshold`, as the rollout library and the population checks name places. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

/** Inside a target, comparison or criterion: what the population checks also report there. */
function isInsidePart(issue: Issue): boolean {
  if (!PARTS.has(issue.path[0])) return false;
  return issue.path.length > 1 || issue.code === 'unrecognized_keys';
}

/**
 * The 400 lines of a rollout body: its own fields as everywhere in the API (`name must be …`,
 * `property colour should not exist`); problems inside a target, comparison or criterion as the population
 * checks that follow word theirs (`gateCriteria[0].threshold: …`, `pilotTarget: Unrecognized key: "teams"`).
 */
export function describeRolloutIssues(error: ZodError): string[] {
  const own = error.issues.filter((issue) => !isInsidePart(issue));
  const nested = error.issues.filter(isInsidePart);
  return [
    ...describeZodIssues({ issues: own } as ZodError),
    ...nested.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`),
  ];
}

/**
 * Parses a plan or phase body with its contract schema, once. The parameter is typed with the schema's
 * output type (not a DTO class), so the global pipe leaves it to this one.
 */
@Injectable()
export class RolloutBodyPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T>) {}

  transform(value: unknown): T {
    const parsed = this.schema.safeParse(value);
    if (!parsed.success) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: describeRolloutIssues(parsed.error),
      });
    }
    return parsed.data;
  }
}
