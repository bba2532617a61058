import { CATALOGUE, Formats, t } from './catalogue';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the string catalogue', () => {
  it('has the same keys in English and Dutch, none empty', () => {
    expect(Object.keys(CATALOGUE.nl).sort()).toEqual(Object.keys(CATALOGUE.en).sort());
    for (const locale of ['en', 'nl'] as const) {
      for (const [key, text] of Object.entries(CATALOGUE[locale]))
        expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, english] of Object.entries(CATALOGUE.en)) {
      const dutch = CATALOGUE.nl[key as keyof typeof CATALOGUE.nl];
      expect({ key, placeholders: placeholders(dutch) }).toEqual({
        key,
        placeholders: placeholders(english),
      });
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('en', 'maintainer.failedRow', { source: 'Slack', count: 3 })).toBe('Slack: 3 failed runs');
    expect(t('nl', 'maintainer.failedRow', { source: 'Slack', count: 3 })).toBe('Slack: 3 mislukte runs');
    expect(t('en', 'maintainer.failedRow', { source: 'Slack' })).toBe('Slack: {count} failed runs');
  });
});

describe('Formats', () => {
  it('writes shares, numbers and days the English (en-GB) and the Dutch (nl-NL) way', () => {
    const en = new Formats('en');
    const nl = new Formats('nl');
    expect(en.percent(0.425)).toBe('42.5%');
    expect(nl.percent(0.425)).toBe('42,5%');
    expect(en.number(1234.5)).toBe('1,234.5');
    expect(nl.number(1234.5)).toBe('1.234,5');
    expect(en.day('2026-12-01')).toBe('1 December 2026');
    expect(nl.day('2026-12-01')).toBe('1 december 2026');
  });

  it('shows instants in the organisation’s zone', () => {
    expect(new Formats('en', 'Europe/Amsterdam').instant(new Date('2026-06-01T06:00:00Z'))).toBe(
      '1 Jun 2026, 08:00',
    );
  });
});
