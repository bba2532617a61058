import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AcceptedInvitationView,
  DailyActivitySeries,
  InvitationPreview,
  Me,
  MembershipView,
  OrganisationSummary,
} from '@uptake/contracts';
import type { Observable } from 'rxjs';

export type { InvitationPreview, Me };
export type Membership = MembershipView;

/** Calls to the Uptake API (same origin; the session is an HttpOnly cookie the browser sends itself). */
@Injectable({ providedIn: 'root' })
export class UptakeApi {
  private readonly http = inject(HttpClient);

  me(): Observable<Me> {
    return this.http.get<Me>('/api/auth/me');
  }

  login(email: string, password: string): Observable<Me> {
    return this.http.post<Me>('/api/auth/login', { email, password });
  }

  logout(): Observable<void> {
    return this.http.post<void>('/api/auth/logout', {});
  }

  lookupInvitation(token: string): Observable<InvitationPreview> {
    return this.http.post<InvitationPreview>('/api/invitations/lookup', { token });
  }

  /** `password`: the new account's, or the existing account's when not signed in as it. */
  acceptInvitation(token: string, password?: string): Observable<AcceptedInvitationView> {
    return this.http.post<AcceptedInvitationView>('/api/invitations/accept', {
      token,
      ...(password === undefined ? {} : { password }),
    });
  }

  static organisationsUrl(): string {
    return '/api/organisations';
  }

  static dailyActivityUrl(organisationId: string, range: { from?: string; to?: string }): string {
    const query = new URLSearchParams(
      Object.entries(range).filter((entry): entry is [string, string] => Boolean(entry[1])),
    );
    const suffix = query.size > 0 ? `?${query}` : '';
    return `/api/organisations/${encodeURIComponent(organisationId)}/activity/daily${suffix}`;
  }
}

export type { DailyActivitySeries, OrganisationSummary };

/** What to tell the user about a failed request: the server's own message when it sent one. */
export function errorMessage(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (!(error instanceof HttpErrorResponse) && cause instanceof HttpErrorResponse) return errorMessage(cause);
  if (error instanceof HttpErrorResponse) {
    const body = error.error as { message?: string | string[] } | string | null;
    const message = typeof body === 'object' && body !== null ? body.message : undefined;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string' && message) return message;
    if (error.status === 0) return 'The Uptake server cannot be reached. Is it running?';
    return `${error.status} ${error.statusText || 'error'}`;
  }
  return error instanceof Error ? error.message : String(error);
}
