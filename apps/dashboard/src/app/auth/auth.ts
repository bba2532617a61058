import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { catchError, map, of, throwError } from 'rxjs';
import { UptakeApi } from '../api/uptake-api.service';

/** Pages behind sign-in: ask the API who we are; without a session, go to the sign-in page and come back. */
export const signedIn: CanActivateFn = (_route, state) => {
  const router = inject(Router);
  return inject(UptakeApi)
    .me()
    .pipe(
      map(() => true),
      catchError((error: unknown) =>
        error instanceof HttpErrorResponse && error.status === 401
          ? of(router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } }))
          : throwError(() => error),
      ),
    );
};

/** A session that expires while a page is open sends the user to sign in again instead of showing an error. */
export const sessionExpiredInterceptor: HttpInterceptorFn = (request, next) => {
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      // A wrong password on the sign-in or invitation page is that page's message, not an expired session.
      const isAuthCall = request.url.startsWith('/api/auth/') || request.url.startsWith('/api/invitations/');
      if (error instanceof HttpErrorResponse && error.status === 401 && !isAuthCall) {
        void router.navigate(['/login'], { queryParams: { returnUrl: router.url } });
      }
      return throwError(() => error);
    }),
  );
};
