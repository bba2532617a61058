import type { HttpInterceptorFn } from '@angular/common/http';

/**
 * The API refuses a state-changing request signed in by the session cookie unless it carries this header
 * (CSRF protection): a page of another origin cannot add a custom header without a CORS preflight, which
 * the API does not grant. Added to every request to our own API (reads too, so no call is forgotten).
 */
export const REQUEST_HEADER = 'X-Uptake-Request';

export const sameOriginInterceptor: HttpInterceptorFn = (request, next) =>
  next(isOwnApi(request.url) ? request.clone({ setHeaders: { [REQUEST_HEADER]: '1' } }) : request);

/** Relative URLs of our API only: the header is never sent to another origin. */
function isOwnApi(url: string): boolean {
  return url.startsWith('/api/') || url === '/api';
}
