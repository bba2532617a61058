import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { BestCase, BestCasesReport, RolloutPhaseView, RolloutPlanView } from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { kpiReport } from '../adoption/kpi-report';
import { errorMessages, RolloutApi } from '../rollout/rollout-api';
import { phaseStatusLook } from '../rollout/gates';
import { formatCount, formatNumber, withheldFigures } from '../shared/format';
import { bestCasesMethod } from '../shared/server-text';
import { OrganisationContext } from '../shell/organisation-context';
import {
  BEST_CASE_KINDS,
  bestCaseKindOptions,
  candidateKey,
  criterionLines,
  defaultPhaseChoice,
  describeSavedTarget,
  describeShortlist,
  phaseChoices,
  phaseTargetBody,
  type BestCaseKind,
  type ShortlistEntry,
} from './best-cases';
import { DownloadMenuComponent } from '../shared/download-menu/download-menu.component';

/**
 * The best-case finder: communities and org units ranked by how much better than the organisation they do,
 * with the reason per criterion. A change manager shortlists some and makes them the target of a rollout
 * phase (by default the "Best cases" phase of the active plan) in one action; the phase's other settings stay.
 */
@Component({
  selector: 'up-best-cases',
  imports: [RouterLink, DownloadMenuComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './best-cases.component.html',
  styleUrl: './best-cases.component.css',
})
export class BestCasesComponent {
  private readonly context = inject(OrganisationContext);
  private readonly rollouts = inject(RolloutApi);

  protected readonly kinds = bestCaseKindOptions();
  protected readonly kind = signal<BestCaseKind>('all');
  /** `all` is the API's default, so it is left out of the request. */
  protected readonly report = kpiReport<BestCasesReport>('best-cases', () => ({
    kind: this.kind() === 'all' ? undefined : this.kind(),
  }));
  protected readonly k = computed(() => this.report.value()?.scope.minGroupSize ?? 5);
  protected readonly figures = computed(() => withheldFigures(this.k()));
  protected readonly candidates = computed(() =>
    (this.report.value()?.candidates ?? []).map((candidate) => ({
      candidate,
      key: candidateKey(candidate),
      lines: criterionLines(candidate.criteria, this.figures()),
    })),
  );

  protected readonly plans = httpResource<RolloutPlanView[]>(() => {
    const organisation = this.context.organisation();
    return organisation ? RolloutApi.plansUrl(organisation.id) : undefined;
  });
  protected readonly plansError = computed(() =>
    this.plans.error() ? errorMessage(this.plans.error()) : null,
  );
  protected readonly choices = computed(() => phaseChoices(this.plans.hasValue() ? this.plans.value() : []));
  private readonly chosenKey = signal<string | null>(null);
  protected readonly choice = computed(
    () =>
      this.choices().find((choice) => choice.key === this.chosenKey()) ?? defaultPhaseChoice(this.choices()),
  );

  protected readonly shortlist = signal<ShortlistEntry[]>([]);
  protected readonly shortlisted = computed(() => new Set(this.shortlist().map(candidateKey)));
  protected readonly shortlistSummary = computed(() => describeShortlist(this.shortlist()));
  protected readonly saving = signal(false);
  protected readonly saved = signal<string | null>(null);
  protected readonly saveError = signal<string | null>(null);

  protected readonly count = formatCount;
  /** How the score is made, in the page's language when the API names a method this page knows. */
  protected readonly method = bestCasesMethod;
  protected readonly score = (score: number) => formatNumber(score, 2, 2);
  protected readonly phaseStatus = (status: RolloutPhaseView['status']) =>
    phaseStatusLook(status).label.toLocaleLowerCase();

  protected chooseKind(value: string): void {
    const kind = BEST_CASE_KINDS.find((option) => option === value);
    if (kind) this.kind.set(kind);
  }

  protected choosePhase(key: string): void {
    this.chosenKey.set(key);
    this.saved.set(null);
    this.saveError.set(null);
  }

  /** Shortlisted candidates of another kind stay when the kind filter changes: the list is the person's choice. */
  protected toggle(candidate: BestCase, checked: boolean): void {
    const key = candidateKey(candidate);
    this.shortlist.update((list) =>
      checked
        ? [
            ...list.filter((entry) => candidateKey(entry) !== key),
            { kind: candidate.kind, id: candidate.id, name: candidate.name },
          ]
        : list.filter((entry) => candidateKey(entry) !== key),
    );
    this.saved.set(null);
    this.saveError.set(null);
  }

  protected useAsPhaseTarget(): void {
    const organisation = this.context.organisation();
    const choice = this.choice();
    const shortlist = this.shortlist();
    // An empty target means the whole organisation: never send one from here.
    if (!organisation || !choice || shortlist.length === 0) return;
    this.saving.set(true);
    this.saved.set(null);
    this.saveError.set(null);
    this.rollouts
      .updatePhase(organisation.id, choice.planId, choice.phase.id, phaseTargetBody(choice.phase, shortlist))
      .subscribe({
        next: (plan) => {
          this.saving.set(false);
          const phase = plan.phases.find((candidate) => candidate.id === choice.phase.id);
          const name = choice.phase.name;
          this.saved.set(
            phase
              ? describeSavedTarget(phase)
              : $localize`:@@communities.bestCases.phaseSaved:${name}:phase: saved`,
          );
          // The picker now holds the saved phase, so a second save starts from what the API stored.
          if (this.plans.hasValue()) {
            this.plans.set(this.plans.value().map((existing) => (existing.id === plan.id ? plan : existing)));
          }
        },
        error: (error: unknown) => {
          this.saving.set(false);
          this.saveError.set(errorMessages(error, errorMessage).join(' '));
        },
      });
  }
}
