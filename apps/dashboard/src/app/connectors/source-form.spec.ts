import { fieldErrors, messagesOf } from './source-form';

describe('fieldErrors', () => {
  it("sorts the API's messages to the fields they name", () => {
    expect(
      fieldErrors([
        'settings.delimiter: Invalid input',
        'schedule: unknown day of week',
        'name must be shorter than or equal to 100 characters',
        'name: a source with this name exists already',
        'credentials.token: must be a Slack bot token',
        'connectorType must be one of demo, csv',
        'database unavailable',
      ]),
    ).toEqual({
      byField: {
        settings: ['settings.delimiter: Invalid input'],
        schedule: ['schedule: unknown day of week'],
        name: [
          'name must be shorter than or equal to 100 characters',
          'name: a source with this name exists already',
        ],
        credentials: ['credentials.token: must be a Slack bot token'],
        connectorType: ['connectorType must be one of demo, csv'],
      },
      other: ['database unavailable'],
    });
  });

  it('does not mistake a word starting like a field for the field', () => {
    expect(fieldErrors(['names are case-sensitive'])).toEqual({
      byField: {},
      other: ['names are case-sensitive'],
    });
  });
});

describe('messagesOf', () => {
  it('reads a string or a list, and nothing else', () => {
    expect(messagesOf({ message: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(messagesOf({ message: 'one' })).toEqual(['one']);
    expect(messagesOf('Bad Gateway')).toEqual([]);
    expect(messagesOf(null)).toEqual([]);
  });
});
