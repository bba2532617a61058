import { HttpErrorResponse } from '@angular/common/http';
import { cardError } from './card-error';

describe('cardError', () => {
  const response = (status: number, message: string) =>
    new HttpErrorResponse({ status, statusText: 'x', error: { statusCode: status, message } });

  it("says a 403 is about the user's role, with the server's message", () => {
    expect(cardError(new Error('wrapped', { cause: response(403, 'Requires role admin') }))).toEqual({
      forbidden: true,
      message: 'Not available for your role (Requires role admin)',
    });
  });

  it("passes other errors through with the server's message, and nothing for no error", () => {
    expect(cardError(response(400, 'from must not be after to'))).toEqual({
      forbidden: false,
      message: 'from must not be after to',
    });
    expect(cardError(undefined)).toBeNull();
  });
});
