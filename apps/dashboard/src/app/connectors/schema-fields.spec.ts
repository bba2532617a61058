import { REAL_CONNECTORS } from './real-connector-schemas';
import {
  errorsByField,
  formFields,
  initialDraft,
  readDraft,
  schemaType,
  type FormFieldSpec,
} from './schema-fields';

const teams = REAL_CONNECTORS['ms-teams'];
const csv = REAL_CONNECTORS['csv'];
const reports = REAL_CONNECTORS['ms-graph-reports'];
const slackExport = REAL_CONNECTORS['slack-export'];

const field = (fields: FormFieldSpec[], name: string) => fields.find((candidate) => candidate.name === name)!;

describe('formFields on the real connector schemas', () => {
  const teamsSettings = formFields(teams.settingsSchema);

  it('gives every top-level property a field, in the schema order', () => {
    expect(teamsSettings.map((f) => f.name)).toEqual(
      Object.keys(teams.settingsSchema['properties'] as object),
    );
    expect(formFields(csv.settingsSchema).map((f) => [f.name, f.kind])).toEqual([
      ['columns', 'json'],
      ['nested', 'json'],
      ['delimiter', 'text'],
      ['typeMapping', 'json'],
      ['timeZone', 'text'],
    ]);
  });

  it('reads strings: uri as url input, alternatives of strings as one text input, descriptions, required', () => {
    expect(field(teamsSettings, 'baseUrl')).toMatchObject({
      kind: 'text',
      inputType: 'url',
      required: false,
      defaultValue: 'https://graph.microsoft.com/v1.0',
      description: 'The Microsoft Graph API root',
    });
    expect(field(teamsSettings, 'tenantId')).toMatchObject({
      kind: 'text',
      inputType: 'text',
      required: true,
    });
    expect(field(teamsSettings, 'tenantId').description).toMatch(/^The directory \(tenant\) id/);
    expect(field(formFields(csv.settingsSchema), 'delimiter')).toMatchObject({ minLength: 1, maxLength: 1 });
  });

  it('reads enums as selects, integers with their range, booleans as checkboxes', () => {
    expect(field(teamsSettings, 'identity')).toMatchObject({
      kind: 'select',
      options: ['userPrincipalName', 'mail'],
      defaultValue: 'userPrincipalName',
    });
    expect(field(teamsSettings, 'pageSize')).toMatchObject({
      kind: 'number',
      integer: true,
      min: 1,
      max: 50,
      description: 'Messages per page ($top, at most 50)',
    });
    expect(field(formFields(slackExport.settingsSchema), 'includePrivate')).toMatchObject({
      kind: 'checkbox',
      defaultValue: true,
    });
  });

  it('reads lists of strings as lines and lists of enum values as a multi-select', () => {
    expect(field(teamsSettings, 'teams')).toMatchObject({ kind: 'lines', minItems: 1, maxItems: 1000 });
    expect(field(formFields(reports.settingsSchema), 'reports')).toMatchObject({
      kind: 'multi-select',
      options: ['yammer-groups', 'yammer-activity', 'teams-activity', 'email-activity'],
      minItems: 1,
    });
  });

  it('gives objects a JSON editor with their type, never drops them', () => {
    expect(field(formFields(csv.settingsSchema), 'typeMapping')).toMatchObject({
      kind: 'json',
      typeHint: 'object',
    });
    expect(field(formFields(csv.settingsSchema), 'nested').typeHint).toBe('list of object');
    expect(
      formFields({ properties: { odd: { anyOf: [{ type: 'string' }, { type: 'integer' }] } } })[0].kind,
    ).toBe('json');
  });

  it('makes credentials password inputs', () => {
    expect(formFields(teams.credentialsSchema, { secret: true })).toMatchObject([
      { name: 'clientId', kind: 'text', inputType: 'password', required: true },
      { name: 'clientSecret', kind: 'text', inputType: 'password', required: true },
    ]);
    expect(formFields(csv.credentialsSchema, { secret: true })).toEqual([]);
  });
});

describe('initialDraft', () => {
  it('pre-fills the defaults of every kind and leaves the rest empty', () => {
    const draft = initialDraft(formFields(reports.settingsSchema));
    expect(draft['reports']).toEqual([
      'yammer-groups',
      'yammer-activity',
      'teams-activity',
      'email-activity',
    ]);
    expect(draft['lookbackDays']).toBe('28');
    expect(draft['tenantId']).toBe('');
    expect(initialDraft(formFields(slackExport.settingsSchema))).toEqual({
      identity: 'email',
      includePrivate: true,
    });
    expect(initialDraft(formFields(csv.settingsSchema))).toMatchObject({ delimiter: ',', columns: '' });
    const lines = formFields({
      properties: { c: { type: 'array', items: { type: 'string' }, default: ['a', 'b'] } },
    });
    expect(initialDraft(lines)).toEqual({ c: 'a\nb' });
  });
});

describe('readDraft', () => {
  const teamsSettings = formFields(teams.settingsSchema);
  const valid = { ...initialDraft(teamsSettings), tenantId: 'contoso.onmicrosoft.com' };

  it('builds the settings the API gets: typed values, empty optional fields left out', () => {
    const reading = readDraft(teamsSettings, { ...valid, teams: ' a \n\n b\n', pageSize: '20' }, 'settings');
    expect(reading.errors).toEqual({});
    expect(reading.value).toMatchObject({
      tenantId: 'contoso.onmicrosoft.com',
      pageSize: 20,
      teams: ['a', 'b'],
    });
    expect(readDraft(teamsSettings, valid, 'settings').value).not.toHaveProperty('teams');
    const csvFields = formFields(csv.settingsSchema);
    expect(
      readDraft(csvFields, { ...initialDraft(csvFields), typeMapping: '{"Like": "reaction"}' }, 'settings')
        .value,
    ).toEqual({ delimiter: ',', typeMapping: { Like: 'reaction' } });
    const slack = formFields(slackExport.settingsSchema);
    expect(readDraft(slack, { identity: 'user_id', includePrivate: false }, 'settings').value).toEqual({
      identity: 'user_id',
      includePrivate: false,
    });
  });

  it('names the field for required, range, whole number, length, item count and bad JSON', () => {
    const reading = readDraft(
      teamsSettings,
      { ...valid, tenantId: ' ', pageSize: '51', maxTeams: '2.5', maxChannelsPerTeam: 'x' },
      'settings',
    );
    expect(reading.errors).toEqual({
      tenantId: ['settings.tenantId: required'],
      pageSize: ['settings.pageSize: must be at most 50'],
      maxTeams: ['settings.maxTeams: must be a whole number'],
      maxChannelsPerTeam: ['settings.maxChannelsPerTeam: "x" is not a number'],
    });
    expect(readDraft(teamsSettings, { ...valid, pageSize: '0' }, 'settings').errors).toEqual({
      pageSize: ['settings.pageSize: must be at least 1'],
    });
    const csvFields = formFields(csv.settingsSchema);
    expect(readDraft(csvFields, { delimiter: ';;', columns: '{"a":' }, 'settings').errors).toEqual({
      delimiter: ['settings.delimiter: at most 1 character'],
      columns: [expect.stringMatching(/^settings\.columns: not valid JSON \(/)],
    });
    const reportFields = formFields(reports.settingsSchema);
    expect(
      readDraft(reportFields, { ...initialDraft(reportFields), reports: [] }, 'settings').errors,
    ).toEqual({});
    const required = formFields({
      properties: { r: { type: 'array', minItems: 2, items: { type: 'string' } } },
    });
    expect(readDraft(required, { r: 'one' }, 'settings').errors).toEqual({
      r: ['settings.r: give at least 2 values'],
    });
    expect(
      readDraft(formFields(teams.credentialsSchema, { secret: true }), {}, 'credentials').errors,
    ).toEqual({
      clientId: ['credentials.clientId: required'],
      clientSecret: ['credentials.clientSecret: required'],
    });
  });
});

describe('errorsByField', () => {
  it("puts the API's messages next to the property they name, the rest for the whole group", () => {
    const fields = formFields(teams.settingsSchema);
    expect(
      errorsByField(
        [
          'settings.tenantId: must be a tenant id (uuid) or domain',
          'settings.teams[0]: Invalid UUID',
          'settings.pageSizeX: unknown',
          'settings: Unrecognized key: "x"',
        ],
        'settings',
        fields,
      ),
    ).toEqual({
      byField: {
        tenantId: ['settings.tenantId: must be a tenant id (uuid) or domain'],
        teams: ['settings.teams[0]: Invalid UUID'],
      },
      other: ['settings.pageSizeX: unknown', 'settings: Unrecognized key: "x"'],
    });
  });
});

describe('schemaType', () => {
  it('names types compactly: formats, alternatives (once each), lists and unknowns', () => {
    expect(schemaType({ type: 'string', format: 'uri' })).toBe('string (uri)');
    expect(schemaType({ type: 'array', items: { type: 'string', enum: ['a', 'b'] } })).toBe(
      'list of "a" | "b"',
    );
    expect(schemaType({ type: ['string', 'null'] })).toBe('string | null');
    expect(schemaType({ const: 1 })).toBe('1');
    expect(schemaType({})).toBe('any');
  });
});
