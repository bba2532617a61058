import { CONNECTOR_TYPES, type ConnectorInfo } from '@uptake/contracts';
import { inDutch } from '../../locale/testing';
import { NL } from '../../locale/nl';
import CATALOGUE_TEXTS from './catalogue-texts.json';
import { connectorTexts, localizeConnector, type ConnectorTexts } from './connector-texts';

/*
 * catalogue-texts.json is every title and field description GET /api/connectors sends (the API's
 * connectors.controller.spec.ts fails when it no longer matches the API). Every one of them must have a
 * Dutch text here, and the page's English must be the API's.
 */
const API: Record<string, ConnectorTexts> = CATALOGUE_TEXTS;
const entries = (texts: Record<string, ConnectorTexts>): [string, string][] =>
  Object.entries(texts).flatMap(([type, own]): [string, string][] => [
    [`${type} title`, own.title],
    ...(['settings', 'credentials'] as const).flatMap((part) =>
      Object.entries(own[part] ?? {}).map(([field, text]): [string, string] => [
        `${type} ${part}.${field}`,
        text,
      ]),
    ),
  ]);

describe('connector texts', () => {
  it('has the API’s English for every catalogue text, and a text for every connector type', () => {
    expect(Object.keys(API).sort()).toEqual([...CONNECTOR_TYPES].sort());
    expect(entries(connectorTexts())).toEqual(entries(API));
  });

  it('puts the texts into a catalogue entry without changing the API’s answer, and leaves unknown ones', () => {
    const info: ConnectorInfo = {
      type: 'ms-teams-export',
      title: 'Microsoft Teams export (Graph chatMessage JSON, .json or .zip)',
      input: 'file',
      fileExtensions: ['.json', '.zip'],
      connectionTest: false,
      streams: ['activity'],
      settingsSchema: {
        type: 'object',
        properties: {
          identity: { type: 'string', description: 'English' },
          newField: { type: 'string', description: 'Added since' },
          maxMessagesPerFile: { type: 'integer' },
        },
      },
      credentialsSchema: { type: 'object', properties: {} },
    };
    const texts = { 'ms-teams-export': { title: 'T', settings: { identity: 'I', maxMessagesPerFile: 'M' } } };
    const localized = localizeConnector(info, texts);
    expect(localized.title).toBe('T');
    expect(localized.settingsSchema['properties']).toEqual({
      identity: { type: 'string', description: 'I' },
      newField: { type: 'string', description: 'Added since' },
      // No description from the API: none is made up.
      maxMessagesPerFile: { type: 'integer' },
    });
    expect(
      (info.settingsSchema['properties'] as Record<string, { description?: string }>)['identity'].description,
    ).toBe('English');
    expect(localizeConnector({ ...info, type: 'csv' }, texts)).toEqual({ ...info, type: 'csv' });
  });

  describe('in Dutch', () => {
    inDutch();

    it('has a Dutch text for every title and description the API sends', () => {
      const english = new Map(entries(API));
      const untranslated = entries(connectorTexts()).filter(
        ([key, text]) => !text || text === english.get(key),
      );
      // Brand names may read the same in Dutch; they are listed so that no other text slips through as English.
      expect(untranslated.map(([key]) => key)).toEqual(['slack-api title']);
      expect(Object.keys(NL).filter((id) => id.startsWith('connectors.catalogue.'))).toHaveLength(
        entries(API).length,
      );
    });
  });
});
