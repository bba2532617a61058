import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ApiTokenView,
  AuditEventView,
  CreatedApiToken,
  InvitationView,
  InviteMember,
  Member,
  NewApiToken,
  Role,
  SsoSettings,
  SsoSettingsInput,
} from '@uptake/contracts';
import type { Observable } from 'rxjs';

export type { ApiTokenView, AuditEventView, CreatedApiToken, InvitationView, Member, SsoSettings };

/** How many rows a list of the admin page asks for: the API caps every list at 200 a request. */
export const ADMIN_PAGE_SIZE = 50;

const org = (organisationId: string) => `/api/organisations/${encodeURIComponent(organisationId)}`;

/**
 * The organisation's administration over the API (members.controller.ts and sso-settings.controller.ts):
 * members and invitations, API tokens, single sign-on, the audit log. Admins only. URLs are static so pages
 * can load them with httpResource; writes return Observables.
 */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  static membersUrl(organisationId: string): string {
    return `${org(organisationId)}/members`;
  }

  static memberUrl(organisationId: string, userId: string): string {
    return `${AdminApi.membersUrl(organisationId)}/${encodeURIComponent(userId)}`;
  }

  /** Newest first, pending and past ones (the page shows the pending). */
  static invitationsUrl(organisationId: string, limit = ADMIN_PAGE_SIZE): string {
    return `${org(organisationId)}/invitations?limit=${limit}`;
  }

  static invitationUrl(organisationId: string, invitationId: string): string {
    return `${org(organisationId)}/invitations/${encodeURIComponent(invitationId)}`;
  }

  static apiTokensUrl(organisationId: string): string {
    return `${org(organisationId)}/api-tokens`;
  }

  static apiTokenUrl(organisationId: string, tokenId: string): string {
    return `${AdminApi.apiTokensUrl(organisationId)}/${encodeURIComponent(tokenId)}`;
  }

  static ssoUrl(organisationId: string): string {
    return `${org(organisationId)}/sso`;
  }

  /** Newest first; `before`: the id of the last event of the previous page. */
  static auditEventsUrl(organisationId: string, before?: string, limit = ADMIN_PAGE_SIZE): string {
    const query = new URLSearchParams({ limit: String(limit), ...(before ? { before } : {}) });
    return `${org(organisationId)}/audit-events?${query}`;
  }

  /** 202 whether or not an account with the address exists; the link goes only to the address. */
  invite(organisationId: string, invitation: InviteMember): Observable<InvitationView> {
    return this.http.post<InvitationView>(AdminApi.membersUrl(organisationId), invitation);
  }

  revokeInvitation(organisationId: string, invitationId: string): Observable<void> {
    return this.http.delete<void>(AdminApi.invitationUrl(organisationId, invitationId));
  }

  /** 409 when it would leave the organisation without an admin. */
  changeRole(organisationId: string, userId: string, role: Role): Observable<Member> {
    return this.http.patch<Member>(AdminApi.memberUrl(organisationId, userId), { role });
  }

  /** 409 when it would leave the organisation without an admin. */
  removeMember(organisationId: string, userId: string): Observable<void> {
    return this.http.delete<void>(AdminApi.memberUrl(organisationId, userId));
  }

  /** The answer carries the secret: the only time it is shown. */
  createApiToken(organisationId: string, token: NewApiToken): Observable<CreatedApiToken> {
    return this.http.post<CreatedApiToken>(AdminApi.apiTokensUrl(organisationId), token);
  }

  revokeApiToken(organisationId: string, tokenId: string): Observable<void> {
    return this.http.delete<void>(AdminApi.apiTokenUrl(organisationId, tokenId));
  }

  /** Creates or replaces the settings; a left-out client secret keeps the stored one. */
  putSso(organisationId: string, settings: SsoSettingsInput): Observable<SsoSettings> {
    return this.http.put<SsoSettings>(AdminApi.ssoUrl(organisationId), settings);
  }

  /** Password sign-in only again; the sessions SSO signed in end at once. */
  deleteSso(organisationId: string): Observable<void> {
    return this.http.delete<void>(AdminApi.ssoUrl(organisationId));
  }
}
