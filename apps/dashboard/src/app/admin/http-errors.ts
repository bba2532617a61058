import { HttpErrorResponse } from '@angular/common/http';
import { errorMessage } from '../api/uptake-api.service';
import { messagesOf, sortByField, type FieldMessages } from '../shared/field-errors';

/** The HTTP status of a failed request (an httpResource wraps the response in `cause`), or null. */
export function statusOf(error: unknown): number | null {
  if (error instanceof HttpErrorResponse) return error.status;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof HttpErrorResponse ? cause.status : null;
}

/**
 * A failed write's messages sorted to the form's fields: a 400 lists one line per field ("email must be …");
 * a 409 or 503 has one sentence, shown for the whole form.
 */
export function formErrors<F extends string>(error: unknown, fields: readonly F[]): FieldMessages<F> {
  const messages = error instanceof HttpErrorResponse ? messagesOf(error.error) : [];
  return sortByField(messages.length > 0 ? messages : [errorMessage(error)], fields);
}

export function noErrors<F extends string>(): FieldMessages<F> {
  return { byField: {}, other: [] };
}
