import { personKey, quoteValue, RowReader } from './row-reader';

type Field = 'at' | 'day' | 'n' | 'who' | 'kind' | 'name';

function reader(row: Partial<Record<Field, unknown>>) {
  return new RowReader<Field>(row);
}

describe('RowReader.dateTime', () => {
  it.each([
    ['2026-03-02T09:00:00Z', '2026-03-02T09:00:00.000Z'],
    ['2026-03-02T09:00:00z', '2026-03-02T09:00:00.000Z'],
    ['2026-03-02T10:05:00+01:00', '2026-03-02T09:05:00.000Z'],
    ['2026-03-02T10:05+0100', '2026-03-02T09:05:00.000Z'],
    ['2026-03-02 04:05:00-05', '2026-03-02T09:05:00.000Z'],
    ['2026-03-02T09:00:00.250Z', '2026-03-02T09:00:00.250Z'],
    ['2026-03-02T09:00:00.123456789+00:00', '2026-03-02T09:00:00.123Z'],
    // Crossing midnight and a leap day.
    ['2024-02-29T23:30:00-01:00', '2024-03-01T00:30:00.000Z'],
  ])('reads %s as %s', (value, iso) => {
    const read = reader({ at: value });
    expect(read.dateTime('at')?.toISOString()).toBe(iso);
    expect(read.problems).toEqual([]);
  });

  it.each([
    ['yesterday', "at: 'yesterday' is not an ISO 8601 date-time (e.g. 2026-01-05T09:30:00Z)"],
    ['02/03/2026 09:00', "at: '02/03/2026 09:00' is not an ISO 8601 date-time (e.g. 2026-01-05T09:30:00Z)"],
    ['2026-03-02T09:00:00', "at: '2026-03-02T09:00:00' has no time-zone offset (add Z or e.g. +01:00)"],
    ['2026-02-30T10:00:00Z', "at: '2026-02-30T10:00:00Z' is not a real date-time"],
    ['2025-02-29T10:00:00Z', "at: '2025-02-29T10:00:00Z' is not a real date-time"],
    ['2026-03-02T24:00:00Z', "at: '2026-03-02T24:00:00Z' is not a real date-time"],
    ['2026-03-02T09:00:00+15:00', "at: '2026-03-02T09:00:00+15:00' is not a real date-time"],
  ])('rejects %s, naming field and value', (value, reason) => {
    const read = reader({ at: value });
    expect(read.dateTime('at')).toBeNull();
    expect(read.problems).toEqual([{ field: 'at', reason }]);
  });

  it('keeps the year as written: 0001 stays 0001 (Date.UTC would make it 1901)', () => {
    expect(reader({ at: '0001-01-01T00:00:00Z' }).dateTime('at')?.toISOString()).toBe(
      '0001-01-01T00:00:00.000Z',
    );
    expect(reader({ at: '0099-12-31T23:30:00-01:00' }).dateTime('at')?.toISOString()).toBe(
      '0100-01-01T00:30:00.000Z',
    );
    // Year 0 is a leap year (1900 is not): February 29th is a real day then.
    expect(reader({ at: '0000-02-29T00:00:00Z' }).dateTime('at')?.toISOString()).toBe(
      '0000-02-29T00:00:00.000Z',
    );
  });

  it('reports a missing required value, and accepts a missing optional one', () => {
    const read = reader({ at: '  ' });
    expect(read.dateTime('at', { required: true })).toBeNull();
    expect(read.dateTime('at')).toBeNull();
    expect(read.problems).toEqual([{ field: 'at', reason: 'at is missing' }]);
  });
});

describe('RowReader.date', () => {
  it('reads YYYY-MM-DD calendar days only', () => {
    const read = reader({ day: '2024-02-29' });
    expect(read.date('day')).toBe('2024-02-29');
    const bad = reader({ day: '01/02/2024' });
    expect(bad.date('day')).toBeNull();
    expect(bad.problems[0].reason).toBe("day: '01/02/2024' is not a date in YYYY-MM-DD form");
    const unreal = reader({ day: '2021-13-01' });
    expect(unreal.date('day')).toBeNull();
    expect(unreal.problems[0].reason).toBe("day: '2021-13-01' is not a real date");
  });
});

describe('RowReader.integer', () => {
  it('reads JSON numbers and decimal strings within range', () => {
    expect(reader({ n: '42' }).integer('n', { min: 0, max: 100 })).toBe(42);
    expect(reader({ n: ' +7 ' }).integer('n', { min: 0, max: 100 })).toBe(7);
    expect(reader({ n: 3 }).integer('n', { min: 1, max: 20 })).toBe(3);
    expect(reader({ n: '' }).integer('n', { min: 1, max: 20 })).toBeNull();
  });

  it.each([
    ['-4', { min: 0, max: 2_147_483_647 }, "n: '-4' is not an integer of at least 0"],
    ['12.5', { min: 0, max: 2_147_483_647 }, "n: '12.5' is not an integer of at least 0"],
    [12.5, { min: 0, max: 2_147_483_647 }, "n: '12.5' is not an integer of at least 0"],
    ['3000000000', { min: 1, max: 2_147_483_647 }, "n: '3000000000' is not an integer of at least 1"],
    ['senior', { min: 1, max: 20 }, "n: 'senior' is not an integer from 1 to 20"],
    [21, { min: 1, max: 20 }, "n: '21' is not an integer from 1 to 20"],
  ])('rejects %p (%p)', (value, range, reason) => {
    const read = reader({ n: value });
    expect(read.integer('n', range)).toBeNull();
    expect(read.problems).toEqual([{ field: 'n', reason }]);
  });
});

describe('RowReader.text / person / oneOf', () => {
  it('trims text, accepts integer JSON ids, rejects other JSON types and NUL', () => {
    expect(reader({ name: '  Sales floor ' }).text('name', { max: 300 })).toBe('Sales floor');
    expect(reader({ name: 12345 }).text('name', { max: 300 })).toBe('12345');
    const object = reader({ name: { a: 1 } });
    expect(object.text('name', { max: 300 })).toBeNull();
    expect(object.problems[0].reason).toBe('name: expected text, got object');
    const nul = reader({ name: 'a\u0000b' });
    expect(nul.text('name', { max: 300 })).toBeNull();
    // Not echoed: the reason is stored as text, which cannot hold NUL either.
    expect(nul.problems[0].reason).toBe('name: contains a NUL character (U+0000)');
    const surrogate = reader({ name: 'a\ud800b' });
    expect(surrogate.text('name', { max: 300 })).toBeNull();
    expect(surrogate.problems[0].reason).toBe('name: contains a lone surrogate (not valid Unicode)');
    const long = reader({ name: 'x'.repeat(301) });
    expect(long.text('name', { max: 300 })).toBeNull();
    expect(long.problems[0].reason).toBe(`name: '${'x'.repeat(39)}…' is longer than 300 characters`);
  });

  it('lower-cases e-mail addresses only, and never echoes a person id', () => {
    expect(reader({ who: ' Ann.Lee@Example.COM ' }).person('who')).toBe('ann.lee@example.com');
    expect(reader({ who: 'U0ABC' }).person('who')).toBe('U0ABC');
    const long = reader({ who: `${'a'.repeat(510)}@x.io` });
    expect(long.person('who')).toBeNull();
    expect(long.problems[0].reason).toBe('who: is longer than 512 characters');
    expect(personKey('Bob@X.org')).toBe('bob@x.org');
    // U+FFFD stands for bytes that were not UTF-8: two people could become one.
    const replaced = reader({ who: 'ann\ufffd@example.com' });
    expect(replaced.person('who')).toBeNull();
    expect(replaced.problems[0].reason).toBe(
      'who: contains U+FFFD (bytes that were not valid UTF-8): it could merge two different people',
    );
  });

  it('matches allowed values case-insensitively, after the mapping', () => {
    const kinds = ['post', 'reply'] as const;
    expect(reader({ kind: 'Reply' }).oneOf('kind', kinds)).toBe('reply');
    expect(reader({ kind: 'comment' }).oneOf('kind', kinds, { mapping: { comment: 'reply' } })).toBe('reply');
    expect(reader({ kind: 'Comment' }).oneOf('kind', kinds, { mapping: { comment: 'reply' } })).toBe('reply');
    const bad = reader({ kind: 'clap' });
    expect(bad.oneOf('kind', kinds, { hint: '(see docs)' })).toBeNull();
    expect(bad.problems[0].reason).toBe("kind: 'clap' is not one of post, reply (see docs)");
  });

  it('quotes values shortly', () => {
    expect(quoteValue('clap')).toBe("'clap'");
    expect(quoteValue(0)).toBe("'0'");
    expect(quoteValue('y'.repeat(50))).toBe(`'${'y'.repeat(39)}…'`);
  });
});
