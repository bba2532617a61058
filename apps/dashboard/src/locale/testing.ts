import { clearTranslations, loadTranslations } from '@angular/localize';
import { setFormatLocale } from '../app/shared/format';
import { NL } from './nl';

/**
 * For specs of functions in Dutch: loads the translations before the describe block's tests and goes back to
 * English after. Components render in Dutch through `./dutch.testing` instead (see there).
 * Angular's Dutch locale data is not needed in specs: Dutch plural rules (one, other) are English's.
 */
export function inDutch(): void {
  beforeAll(() => useDutch());
  afterAll(() => useEnglish());
}

export function useDutch(): void {
  loadTranslations(NL);
  setFormatLocale('nl');
}

export function useEnglish(): void {
  clearTranslations();
  setFormatLocale('en');
}
