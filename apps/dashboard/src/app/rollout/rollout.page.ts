import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  InjectionToken,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { PhaseTransition, RolloutPhaseView, RolloutPlanView } from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { OrganisationContext } from '../shell/organisation-context';
import { gateStatusLook, phaseStatusLook, planStatusLabel } from './gates';
import { GovernanceCardComponent } from './governance-card.component';
import { PhaseComparisonComponent } from './phase-comparison.component';
import { PhaseEditorComponent } from './phase-editor.component';
import { PhaseGateComponent } from './phase-gate.component';
import { errorMessages, RolloutApi, type CreatePlanBody } from './rollout-api';
import {
  advanceStep,
  describeTransition,
  evaluationStamp,
  phasesInOrder,
  plannedRange,
  selectPhase,
} from './timeline';

/** How often the plan is fetched again while the worker evaluates gates, and for how long at most. */
export const EVALUATION_POLL = new InjectionToken<{ intervalMs: number; timeoutMs: number }>(
  'EVALUATION_POLL',
  {
    factory: () => ({ intervalMs: 3_000, timeoutMs: 120_000 }),
  },
);

/**
 * The change manager's rollout page: the plan's phases as a timeline with their gates, advancing with an
 * audited override, the selected phase's gate criteria, editor and pilot-vs-comparison report, and governance.
 * The plan and the phase shown live in the URL (?plan=&phase=), next to the shared date range.
 */
@Component({
  selector: 'up-rollout-page',
  imports: [
    GovernanceCardComponent,
    PhaseComparisonComponent,
    PhaseEditorComponent,
    PhaseGateComponent,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rollout.page.html',
  styleUrl: './rollout.page.css',
})
export class RolloutPage {
  private readonly api = inject(RolloutApi);
  private readonly poll = inject(EVALUATION_POLL);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly context = inject(OrganisationContext);
  protected readonly phaseStatus = phaseStatusLook;
  protected readonly planStatus = planStatusLabel;
  protected readonly gateLook = gateStatusLook;
  protected readonly plannedRange = plannedRange;

  protected readonly organisationId = computed(() => this.context.organisation()?.id);

  protected readonly plans = httpResource<RolloutPlanView[]>(() => {
    const organisationId = this.organisationId();
    return organisationId ? RolloutApi.plansUrl(organisationId) : undefined;
  });
  protected readonly plansError = computed(() =>
    this.plans.error() ? errorMessage(this.plans.error()) : null,
  );
  protected readonly planList = computed(() => (this.plans.hasValue() ? this.plans.value() : []));
  /** The plan in the URL, else the first active one, else the newest. */
  protected readonly planId = computed(() => {
    const plans = this.planList();
    const wanted = this.context.param('plan');
    return (
      plans.find((plan) => plan.id === wanted) ??
      plans.find((plan) => plan.status === 'active') ??
      plans[0]
    )?.id;
  });

  protected readonly plan = httpResource<RolloutPlanView>(() => {
    const organisationId = this.organisationId();
    const planId = this.planId();
    return organisationId && planId ? RolloutApi.planUrl(organisationId, planId) : undefined;
  });
  protected readonly planError = computed(() => (this.plan.error() ? errorMessage(this.plan.error()) : null));
  protected readonly loadedPlan = computed(() => (this.plan.hasValue() ? this.plan.value() : undefined));
  protected readonly phases = computed(() => {
    const plan = this.loadedPlan();
    return plan ? phasesInOrder(plan) : [];
  });
  protected readonly selectedPhase = computed(() => {
    const plan = this.loadedPlan();
    return plan ? selectPhase(plan, this.context.param('phase')) : undefined;
  });
  protected readonly step = computed(() => {
    const plan = this.loadedPlan();
    return plan ? advanceStep(plan) : null;
  });

  protected readonly transitions = httpResource<PhaseTransition[]>(() => {
    const organisationId = this.organisationId();
    const planId = this.planId();
    return organisationId && planId ? RolloutApi.transitionsUrl(organisationId, planId) : undefined;
  });
  protected readonly transitionsError = computed(() =>
    this.transitions.error() ? errorMessage(this.transitions.error()) : null,
  );
  protected readonly transitionList = computed(() => {
    const phases = this.phases();
    return (this.transitions.hasValue() ? this.transitions.value() : []).map((transition) => ({
      ...transition,
      summary: describeTransition(transition, phases),
    }));
  });

  /** Create form: shown when there is no plan yet, or on demand. */
  protected readonly creating = signal(false);
  protected readonly createDraft = signal<CreatePlanBody>({ name: '', template: 'default', startDate: '' });
  protected readonly createErrors = signal<string[]>([]);
  protected readonly createBusy = signal(false);

  /** Advance dialog. */
  protected readonly confirmingAdvance = signal(false);
  /** Set when the gate is not passing (known beforehand, or learnt from the API's 409). */
  protected readonly overrideRequired = signal(false);
  protected readonly advanceNote = signal('');
  protected readonly advanceError = signal<string | null>(null);
  protected readonly advanceBusy = signal(false);

  /** "Evaluate now": queued on the worker, then the plan is polled until an evaluation changes. */
  protected readonly evaluating = signal(false);
  protected readonly evaluateMessage = signal<string | null>(null);
  private pollTimer: ReturnType<typeof setTimeout> | undefined;

  /** Phase editor: closed, editing the selected phase, or adding a new one. */
  protected readonly editing = signal<'none' | 'edit' | 'new'>('none');

  constructor() {
    this.destroyRef.onDestroy(() => clearTimeout(this.pollTimer));
  }

  /** The timeline badge's hover text: a planned phase's gate is a preview on today's data. */
  protected gateTitle(phase: RolloutPhaseView): string {
    if (phase.status === 'planned')
      return $localize`:@@rollout.timeline.previewTitle:Where this phase's gate would stand on today's data`;
    const status = gateStatusLook(phase.latestEvaluation?.status).label;
    return $localize`:@@rollout.timeline.gateTitle:Gate: ${status}:status:`;
  }

  protected selectPlan(planId: string): void {
    this.editing.set('none');
    this.context.setParams({ plan: planId, phase: null });
  }

  protected selectPhaseId(phaseId: string): void {
    if (this.editing() === 'new') this.editing.set('none');
    this.context.setParams({ phase: phaseId });
  }

  protected updateCreate(changes: Partial<CreatePlanBody>): void {
    this.createDraft.update((draft) => ({ ...draft, ...changes }));
  }

  protected createPlan(): void {
    const organisationId = this.organisationId();
    if (!organisationId) return;
    const draft = this.createDraft();
    const body: CreatePlanBody = { name: draft.name.trim(), template: draft.template };
    if (draft.startDate) body.startDate = draft.startDate;
    this.createBusy.set(true);
    this.createErrors.set([]);
    this.api.createPlan(organisationId, body).subscribe({
      next: (plan) => {
        this.createBusy.set(false);
        this.creating.set(false);
        this.createDraft.set({ name: '', template: 'default', startDate: '' });
        this.plans.reload();
        this.context.setParams({ plan: plan.id, phase: null });
      },
      error: (error: unknown) => {
        this.createBusy.set(false);
        this.createErrors.set(errorMessages(error, errorMessage));
      },
    });
  }

  protected openAdvance(): void {
    this.overrideRequired.set(this.step()?.needsOverride ?? false);
    this.advanceNote.set('');
    this.advanceError.set(null);
    this.confirmingAdvance.set(true);
  }

  protected cancelAdvance(): void {
    this.confirmingAdvance.set(false);
  }

  protected advance(): void {
    const organisationId = this.organisationId();
    const plan = this.loadedPlan();
    if (!organisationId || !plan) return;
    const override = this.overrideRequired();
    const note = this.advanceNote().trim();
    if (override && !note) {
      this.advanceError.set(
        $localize`:@@rollout.advance.noteRequired:The gate has not passed: write a note saying why you advance anyway.`,
      );
      return;
    }
    this.advanceBusy.set(true);
    this.advanceError.set(null);
    this.api
      .advance(organisationId, plan.id, { ...(note ? { note } : {}), ...(override ? { override } : {}) })
      .subscribe({
        next: (updated) => {
          this.advanceBusy.set(false);
          this.confirmingAdvance.set(false);
          this.plan.set(updated);
          this.transitions.reload();
          this.plans.reload();
        },
        error: (error: unknown) => {
          this.advanceBusy.set(false);
          // The gate changed since the page loaded: ask for the note and the override now.
          if ((error as { status?: number }).status === 409) this.overrideRequired.set(true);
          this.advanceError.set(errorMessage(error));
        },
      });
  }

  protected evaluate(): void {
    const organisationId = this.organisationId();
    const plan = this.loadedPlan();
    if (!organisationId || !plan || this.evaluating()) return;
    const before = evaluationStamp(plan);
    this.evaluating.set(true);
    this.evaluateMessage.set(null);
    this.api.evaluate(organisationId, plan.id).subscribe({
      next: () => this.waitForEvaluation(organisationId, plan.id, before, Date.now() + this.poll.timeoutMs),
      error: (error: unknown) => {
        this.evaluating.set(false);
        this.evaluateMessage.set(errorMessage(error));
      },
    });
  }

  private waitForEvaluation(organisationId: string, planId: string, before: string, deadline: number): void {
    this.pollTimer = setTimeout(() => {
      this.api.getPlan(organisationId, planId).subscribe({
        next: (plan) => {
          if (evaluationStamp(plan) !== before) {
            this.evaluating.set(false);
            this.plan.set(plan);
          } else if (Date.now() >= deadline) {
            this.evaluating.set(false);
            this.evaluateMessage.set(
              $localize`:@@rollout.evaluate.slow:The evaluation is taking longer than usual; the page updates on reload.`,
            );
          } else {
            this.waitForEvaluation(organisationId, planId, before, deadline);
          }
        },
        error: (error: unknown) => {
          this.evaluating.set(false);
          this.evaluateMessage.set(errorMessage(error));
        },
      });
    }, this.poll.intervalMs);
  }

  protected phaseSaved(plan: RolloutPlanView): void {
    const wasNew = this.editing() === 'new';
    const known = new Set(this.phases().map((phase) => phase.id));
    this.plan.set(plan);
    this.editing.set('none');
    if (wasNew) {
      const added = plan.phases.find((phase) => !known.has(phase.id));
      if (added) this.context.setParams({ phase: added.id });
    }
  }

  protected phaseDeleted(): void {
    this.editing.set('none');
    this.context.setParams({ phase: null });
    this.plan.reload();
  }
}
