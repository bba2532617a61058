import { HttpErrorResponse } from '@angular/common/http';
import { SETTINGS } from './fixtures';
import {
  digestChanged,
  digestDraftOf,
  quietHoursChanged,
  quietHoursDraftOf,
  settingsBody,
  settingsErrors,
} from './settings-form';

const QUIET = { ...SETTINGS, quietHours: { start: '22:00', end: '07:00' } };

describe('settingsBody', () => {
  it('sends the changed digest with the quiet hours as saved', () => {
    const digest = { ...digestDraftOf(QUIET), frequency: 'daily' as const, time: '06:45' };
    expect(settingsBody(QUIET, { digest })).toEqual({
      digest: { enabled: true, frequency: 'daily', dayOfWeek: 1, time: '06:45' },
      quietHours: { start: '22:00', end: '07:00' },
    });
  });

  it('sends changed quiet hours with the digest as saved; off is null', () => {
    expect(settingsBody(SETTINGS, { quietHours: { on: true, start: '21:00', end: '06:00' } })).toEqual({
      digest: { enabled: true, frequency: 'weekly', dayOfWeek: 1, time: '08:00' },
      quietHours: { start: '21:00', end: '06:00' },
    });
    expect(
      settingsBody(QUIET, { quietHours: { on: false, start: '22:00', end: '07:00' } }).quietHours,
    ).toBeNull();
  });

  it('sends an emptied time as it is, for the API to say what a time must be', () => {
    expect(settingsBody(SETTINGS, { digest: { ...digestDraftOf(SETTINGS), time: ' ' } }).digest?.time).toBe(
      '',
    );
  });
});

describe('drafts and changes', () => {
  it('offers the usual night for quiet hours that are off, and sees what changed', () => {
    expect(quietHoursDraftOf(SETTINGS)).toEqual({ on: false, start: '22:00', end: '07:00' });
    expect(quietHoursDraftOf(QUIET)).toEqual({ on: true, start: '22:00', end: '07:00' });
    expect(quietHoursChanged(SETTINGS, quietHoursDraftOf(SETTINGS))).toBe(false);
    expect(quietHoursChanged(SETTINGS, { on: true, start: '22:00', end: '07:00' })).toBe(true);
    expect(quietHoursChanged(QUIET, { on: true, start: '22:00', end: '06:00' })).toBe(true);
    expect(quietHoursChanged(QUIET, { on: false, start: '22:00', end: '07:00' })).toBe(true);
    expect(digestChanged(SETTINGS, digestDraftOf(SETTINGS))).toBe(false);
    expect(digestChanged(SETTINGS, { ...digestDraftOf(SETTINGS), dayOfWeek: 2 })).toBe(true);
  });
});

describe('settingsErrors', () => {
  it('puts 400 lines at the digest and quiet-hours fields they name', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: {
        message: [
          'digest.time must be a time HH:MM from 00:00 to 23:59 (got "25:00")',
          'quietHours.end start and end must differ',
          'digest must be an object',
        ],
      },
    });
    expect(settingsErrors(error)).toEqual({
      byField: {
        'digest.time': ['digest.time must be a time HH:MM from 00:00 to 23:59 (got "25:00")'],
        'quietHours.end': ['quietHours.end start and end must differ'],
      },
      other: ['digest must be an object'],
    });
  });
});
