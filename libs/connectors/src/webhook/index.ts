import {
  type ConnectorMessage,
  decodeUtf8,
  defineConnector,
  type InputFile,
  isJsonObject,
  type SourceRow,
  resumeLine,
} from '@uptake/connector-sdk';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import {
  ACTIVITY_FIELDS,
  typeMappingSchema,
  type ActivityField,
} from '../shared/activity-format/activity-row';
import { activityMessages } from '../shared/activity-format/activity-stream';
import { validateWebhookBatchShape, WEBHOOK_KEYS } from './webhook-batch';

export * from './webhook-batch';

const webhookSettings = z.strictObject({
  /** The sender's activity names -> Uptake's, e.g. {"comment": "reply", "like": "reaction"}. */
  typeMapping: typeMappingSchema.optional(),
});

/** Events between checkpoints. */
const CHECKPOINT_EVERY = 500;

/**
 * Builds the webhook connector. Only tests pass a smaller `checkpointEvery`, to exercise resume on
 * small fixtures; everything else uses `webhookConnector`.
 */
export function createWebhookConnector(options: { checkpointEvery?: number } = {}) {
  const checkpointEvery = options.checkpointEvery ?? CHECKPOINT_EVERY;
  return defineConnector({
    type: 'webhook',
    title: 'Webhook (pushed activity events)',
    input: 'file',
    fileExtensions: ['.json'],
    settingsSchema: webhookSettings,
    credentialsSchema: z.strictObject({}),
    streams: ['groups', 'activity'],
    async *read(context): AsyncGenerator<ConnectorMessage> {
      const file = context.file;
      if (!file) throw new Error('the webhook connector reads a spooled batch file, and none was given');
      yield* activityMessages({
        file,
        rows: await readBatch(file),
        resumeAfterLine: resumeLine('webhook', 'activity', context.state.activity),
        checkpointEvery,
        typeMapping: context.settings.typeMapping,
        label: (field) => WEBHOOK_KEYS[field],
        // The JSON path of the bad value; `line` is the 1-based position of the event.
        locateField: (field, line) => `events[${line - 1}].${WEBHOOK_KEYS[field]}`,
        signal: context.signal,
        progress: (done, total) => context.progress(done, total),
      });
    },
  });
}

/**
 * Activity pushed to the API: each authenticated POST body `{ "events": [...] }` (at most 5,000 events,
 * fields as in `WebhookEvent`) is spooled to a file and read by this connector, with the same validation
 * as the csv import (`parseActivityRow`).
 */
export const webhookConnector = createWebhookConnector();

/** A batch is at most 5,000 events (checked by the API before spooling), so it is parsed whole. */
async function readBatch(file: InputFile): Promise<SourceRow<ActivityField>[]> {
  // The API checked the body's UTF-8 before spooling it; a file that is not UTF-8 was not written by it.
  const text = decodeUtf8(await readFile(file.path));
  if (text === null) throw new Error(`webhook batch ${file.name} is not valid UTF-8`);
  let body: unknown;
  try {
    body = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (error instanceof SyntaxError) throw new Error(`webhook batch ${file.name} is not valid JSON`);
    throw error;
  }
  const shapeProblem = validateWebhookBatchShape(body);
  if (shapeProblem) throw new Error(`webhook batch ${file.name} is unusable: ${shapeProblem}`);
  const events = (body as { events: unknown[] }).events;
  return events.map((event, index): SourceRow<ActivityField> => {
    const line = index + 1;
    const bytes = Math.round((file.size * line) / events.length);
    if (!isJsonObject(event)) return { line, bytes, problem: `events[${index}] is not a JSON object` };
    const values: Partial<Record<ActivityField, unknown>> = {};
    for (const field of ACTIVITY_FIELDS) values[field] = event[WEBHOOK_KEYS[field]];
    return { line, bytes, values };
  });
}
