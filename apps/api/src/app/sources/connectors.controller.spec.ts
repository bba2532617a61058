import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectorsController } from './connectors.controller';

/**
 * The dashboard says the catalogue's titles and field descriptions in the user's language from its own table
 * (apps/dashboard/src/app/connectors/connector-texts.ts), checked against catalogue-texts.json, the API's
 * English of every one of them. This spec keeps that file true: a connector added, or a description added or
 * reworded, fails here until the file (and with it the dashboard's Dutch text) is brought up to date.
 */
const TEXTS_FILE = join(__dirname, '../../../../dashboard/src/app/connectors/catalogue-texts.json');

type Texts = Record<
  string,
  { title: string; settings?: Record<string, string>; credentials?: Record<string, string> }
>;

function descriptions(schema: Record<string, unknown>): Record<string, string> | undefined {
  const properties = (schema['properties'] ?? {}) as Record<string, { description?: unknown }>;
  const described = Object.entries(properties).flatMap(([name, property]) =>
    typeof property.description === 'string' ? [[name, property.description] as const] : [],
  );
  return described.length > 0 ? Object.fromEntries(described) : undefined;
}

describe('ConnectorsController catalogue texts', () => {
  it('are the ones the dashboard has translations for (catalogue-texts.json)', () => {
    const live: Texts = {};
    for (const info of new ConnectorsController().list()) {
      const settings = descriptions(info.settingsSchema);
      const credentials = descriptions(info.credentialsSchema);
      live[info.type] = {
        title: info.title,
        ...(settings ? { settings } : {}),
        ...(credentials ? { credentials } : {}),
      };
    }
    const file = JSON.parse(readFileSync(TEXTS_FILE, 'utf8')) as Texts;
    expect(live).toEqual(file);
  });
});
