import { HttpErrorResponse } from '@angular/common/http';
import { errorMessage } from '../api/uptake-api.service';

/** What a card shows when its request failed. */
export interface CardError {
  /** The user's role may not read this (403): a normal situation for some roles, not a fault. */
  forbidden: boolean;
  message: string;
}

/**
 * Turns a failed request (httpResource wraps the HttpErrorResponse in `cause`) into the card's message,
 * so one endpoint an executive may not read leaves a note on its card instead of breaking the page.
 */
export function cardError(error: unknown): CardError | null {
  if (!error) return null;
  const response =
    error instanceof HttpErrorResponse
      ? error
      : (error as { cause?: unknown }).cause instanceof HttpErrorResponse
        ? (error as { cause: HttpErrorResponse }).cause
        : undefined;
  const forbidden = response?.status === 403;
  const message = errorMessage(error);
  return {
    forbidden,
    message: forbidden
      ? $localize`:@@overview.cardError.forbidden:Not available for your role (${message}:message:)`
      : message,
  };
}
