import { DOCUMENT_REPORTS, LOCALES, TABLE_REPORTS } from '@uptake/contracts';
import { MESSAGES, translator } from './messages';
import { REPORT_TABLES } from './report-tables';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the export message catalogue', () => {
  it('has the same keys in English and Dutch, none empty, with the same placeholders', () => {
    const english = Object.keys(MESSAGES.en).sort();
    for (const locale of LOCALES) {
      const messages = MESSAGES[locale] as Record<string, string>;
      expect(Object.keys(messages).sort()).toEqual(english);
      for (const key of english) {
        expect({ locale, key, empty: messages[key].trim() === '' }).toEqual({ locale, key, empty: false });
        expect({ locale, key, placeholders: placeholders(messages[key]) }).toEqual({
          locale,
          key,
          placeholders: placeholders((MESSAGES.en as Record<string, string>)[key]),
        });
      }
    }
  });

  it('translates most labels into Dutch (not a copy of the English)', () => {
    const keys = Object.keys(MESSAGES.en) as (keyof typeof MESSAGES.en)[];
    const same = keys.filter((key) => MESSAGES.en[key] === MESSAGES.nl[key]);
    // Words that are the same in both (Week, Status, Community, Training, Score, …) stay few.
    expect(same.length).toBeLessThan(keys.length * 0.1);
  });

  it('labels every report, table, column and figure the exports use', () => {
    const missing: string[] = [];
    const need = (key: string) => {
      if (!Object.hasOwn(MESSAGES.en, key)) missing.push(key);
    };
    for (const report of [...TABLE_REPORTS, ...DOCUMENT_REPORTS]) need(`report.${report}`);
    for (const tables of Object.values(REPORT_TABLES)) {
      for (const table of tables) {
        need(`table.${table.name}`);
        for (const column of table.columns) need(column.label ?? `col.${column.path}`);
        for (const [path] of table.figures ?? []) need(`col.${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('fills placeholders, falls back to English and then to the key', () => {
    const nl = translator('nl');
    expect(nl('meta.withheld', { k: 5 })).toBe('Achtergehouden: berust op minder dan 5 personen');
    expect(translator('en')('meta.truncated', { shown: 2, total: 3 })).toBe(
      'Cut at 2 rows: the report has 3',
    );
    expect(nl('no.such.key')).toBe('no.such.key');
    expect(nl.optional('no.such.key')).toBeUndefined();
    // a placeholder without a value stays visible rather than becoming "undefined"
    expect(translator('en')('meta.withheld')).toBe('Withheld: rests on fewer than {k} people');
    expect(nl.locale).toBe('nl');
  });
});
