import { ChangeDetectionStrategy, Component, computed, inject, viewChild } from '@angular/core';
import { FilterBarComponent } from '../shared/filter-bar/filter-bar.component';
import { OrganisationContext } from '../shell/organisation-context';
import { DiffusionSectionComponent } from './diffusion-section.component';
import { EngagementSectionComponent } from './engagement-section.component';
import { FirstPostSectionComponent } from './first-post-section.component';
import { KnowledgeFlowSectionComponent } from './knowledge-flow-section.component';
import { GRANULARITIES, granularityParam } from './kpi-report';
import { LifecycleSectionComponent } from './lifecycle-section.component';
import { NetworkSectionComponent } from './network-section.component';
import { ParticipationSectionComponent } from './participation-section.component';
import { PersonasSectionComponent } from './personas-section.component';
import { RetentionSectionComponent } from './retention-section.component';

/**
 * Adoption analytics for change managers: participation, engagement, retention, network and diffusion of
 * the population picked by the URL's filters (?from=&to=&orgUnit=&group=&granularity=), then lifecycle,
 * personas, "found nobody, stopped" and knowledge flow (deferred until the page is idle). Each section loads
 * its own report, so a slow or failing one does not hold back the others.
 */
@Component({
  selector: 'up-adoption-page',
  imports: [
    FilterBarComponent,
    ParticipationSectionComponent,
    EngagementSectionComponent,
    RetentionSectionComponent,
    NetworkSectionComponent,
    DiffusionSectionComponent,
    LifecycleSectionComponent,
    PersonasSectionComponent,
    FirstPostSectionComponent,
    KnowledgeFlowSectionComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './adoption.page.html',
  styleUrl: './adoption.page.css',
})
export class AdoptionPage {
  protected readonly context = inject(OrganisationContext);
  protected readonly granularities = GRANULARITIES;
  protected readonly granularity = computed(
    () => granularityParam(this.context.param('granularity')) ?? 'week',
  );
  private readonly participation = viewChild(ParticipationSectionComponent);
  /** The range the API used (its default when the URL has none), for the filter bar to show. */
  protected readonly effectiveRange = computed(() => this.participation()?.report.value()?.scope);

  protected chooseGranularity(value: string): void {
    this.context.setParams({ granularity: value === 'week' ? null : value });
  }
}
