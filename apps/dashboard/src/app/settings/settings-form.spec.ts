import { changesOf, draftOf, timeZoneSuggestions } from './settings-form';

const saved = {
  id: 'org-1',
  name: 'Acme',
  timeZone: 'Europe/Berlin',
  minGroupSize: 5,
  workingDaysPerYear: 220,
  defaultHourlyCost: 60,
  defaultLocale: 'en' as const,
  eventRetentionMonths: null,
};

describe('settings form', () => {
  it('sends only what changed, numbers as numbers and names trimmed', () => {
    const draft = { ...draftOf(saved), name: ' Acme Ltd ', defaultHourlyCost: '72.5', minGroupSize: '5' };
    expect(changesOf(saved, draft)).toEqual({ name: 'Acme Ltd', defaultHourlyCost: 72.5 });
    expect(changesOf(saved, draftOf(saved))).toEqual({});
    expect(changesOf(saved, { ...draftOf(saved), defaultLocale: 'nl' })).toEqual({ defaultLocale: 'nl' });
  });

  it('sends what is not a number as typed, for the API to name it', () => {
    expect(changesOf(saved, { ...draftOf(saved), minGroupSize: 'five', workingDaysPerYear: '' })).toEqual({
      minGroupSize: 'five',
      workingDaysPerYear: '',
    });
  });

  it('sends an emptied event retention as null (keep everything) and a typed one as a number', () => {
    expect(changesOf(saved, { ...draftOf(saved), eventRetentionMonths: ' ' })).toEqual({});
    expect(changesOf(saved, { ...draftOf(saved), eventRetentionMonths: '24' })).toEqual({
      eventRetentionMonths: 24,
    });
    const limited = { ...saved, eventRetentionMonths: 24 };
    expect(draftOf(limited).eventRetentionMonths).toBe('24');
    expect(changesOf(limited, { ...draftOf(limited), eventRetentionMonths: '' })).toEqual({
      eventRetentionMonths: null,
    });
    expect(changesOf(limited, { ...draftOf(limited), eventRetentionMonths: 'ten' })).toEqual({
      eventRetentionMonths: 'ten',
    });
  });

  it('suggests UTC and the canonical zones', () => {
    expect(timeZoneSuggestions()).toEqual(
      expect.arrayContaining(['UTC', 'Europe/Berlin', 'America/New_York']),
    );
  });
});
