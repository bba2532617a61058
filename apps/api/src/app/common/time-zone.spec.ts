import { isIanaTimeZone } from '@uptake/contracts';

describe('isIanaTimeZone', () => {
  it('takes canonical zones and links of the tz database', () => {
    for (const zone of [
      'UTC',
      'Europe/Berlin',
      'America/Argentina/Buenos_Aires',
      'Etc/GMT+5',
      'US/Eastern',
    ]) {
      expect({ zone, valid: isIanaTimeZone(zone) }).toEqual({ zone, valid: true });
    }
  });

  it('refuses offsets, other spellings, unknown names and non-strings', () => {
    for (const zone of [
      '+01:00',
      '-05:00',
      'utc',
      'europe/berlin',
      'Mars/Olympus_Mons',
      'Europe/',
      '',
      ' UTC',
    ]) {
      expect({ zone, valid: isIanaTimeZone(zone) }).toEqual({ zone, valid: false });
    }
    expect(isIanaTimeZone(1)).toBe(false);
    expect(isIanaTimeZone(null)).toBe(false);
    expect(isIanaTimeZone('Europe/' + 'x'.repeat(200))).toBe(false);
  });
});
