import { HttpErrorResponse } from '@angular/common/http';
import { errorMessage, UptakeApi } from './uptake-api.service';

describe('UptakeApi urls', () => {
  it('leaves out empty range bounds', () => {
    expect(UptakeApi.dailyActivityUrl('o1', {})).toBe('/api/organisations/o1/activity/daily');
    expect(UptakeApi.dailyActivityUrl('o1', { from: '2026-01-01', to: undefined })).toBe(
      '/api/organisations/o1/activity/daily?from=2026-01-01',
    );
  });
});

describe('errorMessage', () => {
  it('prefers the server message, joins validation messages, explains network failures', () => {
    expect(
      errorMessage(new HttpErrorResponse({ status: 404, error: { message: 'Organisation x not found' } })),
    ).toBe('Organisation x not found');
    expect(
      errorMessage(new HttpErrorResponse({ status: 400, error: { message: ['a is wrong', 'b is wrong'] } })),
    ).toBe('a is wrong; b is wrong');
    expect(errorMessage(new HttpErrorResponse({ status: 0 }))).toBe(
      'The Uptake server cannot be reached. Is it running?',
    );
    expect(
      errorMessage(new HttpErrorResponse({ status: 502, statusText: 'Bad Gateway', error: '<html>' })),
    ).toBe('502 Bad Gateway');
  });
});
