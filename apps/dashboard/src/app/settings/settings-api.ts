import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { OrganisationSettingsChange, OrganisationSettingsPatch } from '@uptake/contracts';
import type { Observable } from 'rxjs';

/** GET (through httpResource) and PATCH of /api/organisations/:org/settings. */
@Injectable({ providedIn: 'root' })
export class SettingsApi {
  private readonly http = inject(HttpClient);

  static settingsUrl(organisationId: string): string {
    return `/api/organisations/${encodeURIComponent(organisationId)}/settings`;
  }

  update(organisationId: string, patch: OrganisationSettingsPatch): Observable<OrganisationSettingsChange> {
    return this.http.patch<OrganisationSettingsChange>(SettingsApi.settingsUrl(organisationId), patch);
  }
}
