import { matchTemplate, runWarningMessage, warningTemplates } from './run-warning-texts';

describe('run warning texts', () => {
  it('takes the quoted figures and names out of a message that is the template, and nothing else', () => {
    expect(
      matchTemplate('Files with more than {{max}} messages.', 'Files with more than 5,000 messages.'),
    ).toEqual({
      max: '5,000',
    });
    expect(
      matchTemplate('Files with more than {{max}} messages.', 'Files with more than 5,000 messages!'),
    ).toBeNull();
    // Regular-expression characters and single braces of the English are literal.
    expect(matchTemplate('(a) {{x}} /users/{id}.*', '(a) y /users/{id}.*')).toEqual({ x: 'y' });
    expect(matchTemplate('(a) {{x}} /users/{id}.*', 'a y /users/7..')).toBeNull();
  });

  it('says each template’s own English again on English pages', () => {
    // With the English filled in for its slots, every template renders its own English back.
    for (const [code, templates] of Object.entries(warningTemplates())) {
      for (const template of templates) {
        const sample = template.english.replace(/\{\{([a-zA-Z]+)\}\}/g, (_, name: string) => `<${name}>`);
        const rendered = runWarningMessage({ code: code.endsWith('.') ? `${code}x` : code, message: sample });
        expect([code, rendered]).toEqual([code, sample]);
      }
    }
  });

  it('keeps the stored message for an unknown code or another wording', () => {
    expect(runWarningMessage({ code: 'jira.new', message: 'Something new.' })).toBe('Something new.');
    expect(runWarningMessage({ code: 'slack.deleted-thread-root', message: 'Reworded.' })).toBe('Reworded.');
    // Not a key of the table, though every object has it.
    expect(runWarningMessage({ code: 'constructor', message: 'As sent.' })).toBe('As sent.');
  });
});
