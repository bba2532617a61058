import { chooseLocale, LOCALE_STORAGE_KEY, rememberLocale, storedLocale } from './locale';

describe('chooseLocale', () => {
  it("takes the signed-in user's effective language first", () => {
    expect(chooseLocale({ locale: 'nl' }, 'en', 'en-GB')).toBe('nl');
    expect(chooseLocale({ locale: 'en' }, 'nl', 'nl-NL')).toBe('en');
  });

  it('falls back to the last used language when not signed in or the API names none', () => {
    expect(chooseLocale(null, 'nl', 'en-US')).toBe('nl');
    expect(chooseLocale({}, 'nl', 'en-US')).toBe('nl');
    expect(chooseLocale({ locale: 'fr' }, 'en', 'nl')).toBe('en');
  });

  it("then the browser's language, Dutch for any nl variant", () => {
    expect(chooseLocale(null, null, 'nl')).toBe('nl');
    expect(chooseLocale(null, null, 'nl-BE')).toBe('nl');
    expect(chooseLocale(null, 'de', 'NL-nl')).toBe('nl');
  });

  it('else English', () => {
    expect(chooseLocale(null, null, 'de-DE')).toBe('en');
    expect(chooseLocale(null, null, undefined)).toBe('en');
    expect(chooseLocale(null, '', 'no')).toBe('en');
  });
});

describe('stored locale', () => {
  it('round-trips through storage and survives a storage that throws', () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    };
    expect(storedLocale(storage)).toBeNull();
    rememberLocale('nl', storage);
    expect(items.get(LOCALE_STORAGE_KEY)).toBe('nl');
    expect(storedLocale(storage)).toBe('nl');
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(storedLocale(blocked)).toBeNull();
    expect(() => rememberLocale('en', blocked)).not.toThrow();
  });
});
