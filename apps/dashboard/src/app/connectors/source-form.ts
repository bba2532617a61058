import { messagesOf, sortByField, type FieldMessages } from '../shared/field-errors';

/** Fields of the "Add source" form that the API names in its 400/409 messages. */
export const FORM_FIELDS = ['name', 'connectorType', 'settings', 'credentials', 'schedule'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export type FieldErrors = FieldMessages<FormField>;

/**
 * Sorts the API's messages to the fields they name. The API writes "settings.delimiter: …" (connector
 * settings), "schedule: …", "name: …" or "name must be …".
 */
export function fieldErrors(messages: readonly string[]): FieldErrors {
  return sortByField(messages, FORM_FIELDS);
}

export { messagesOf };

export type JsonObjectResult = { value: Record<string, unknown> } | { error: string };

/** Parses a JSON object typed by the user; empty text is an empty object. */
export function parseJsonObject(text: string, label: FormField): JsonObjectResult {
  if (text.trim() === '') return { value: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { error: `${label}: not valid JSON (${(error as Error).message})` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { error: `${label}: must be a JSON object like {"key": "value"}` };
  }
  return { value: parsed as Record<string, unknown> };
}
