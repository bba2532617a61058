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
