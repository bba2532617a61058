/** The API's 400 messages sorted to the form fields they name; the rest are shown for the whole form. */
export interface FieldMessages<F extends string> {
  byField: Partial<Record<F, string[]>>;
  /** Messages that name no field of the form. */
  other: string[];
}

/**
 * The API names the field first: "timeZone must be …", "schedule: …", "settings.delimiter: …".
 */
export function sortByField<F extends string>(
  messages: readonly string[],
  fields: readonly F[],
): FieldMessages<F> {
  const result: FieldMessages<F> = { byField: {}, other: [] };
  for (const message of messages) {
    const field = fields.find((candidate) => new RegExp(`^${candidate}(\\.|:|\\s)`).test(message));
    if (field) (result.byField[field] ??= []).push(message);
    else result.other.push(message);
  }
  return result;
}

/** The messages of an error response body ({ message: string | string[] }). */
export function messagesOf(body: unknown): string[] {
  const message = (body as { message?: unknown } | null)?.message;
  if (Array.isArray(message)) return message.map(String);
  return typeof message === 'string' ? [message] : [];
}
