import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import type { GroupView, InterventionView, OrgUnitView } from '@uptake/contracts';
import { BusinessCaseApi } from '../api/business-case-api';
import { errorMessage } from '../api/uptake-api.service';
import { fieldError, serverFieldErrors } from '../business-case/forms';
import { RolloutApi } from '../rollout/rollout-api';
import type { FieldMessages } from '../shared/field-errors';
import { InterventionEffectComponent } from './intervention-effect.component';
import {
  emptyInterventionDraft,
  INTERVENTION_FIELDS,
  INTERVENTION_KIND_OPTIONS,
  interventionBody,
  interventionDraftOf,
  interventionRows,
  type InterventionDraft,
  type InterventionField,
} from './intervention-form';
import { InterventionsStore } from './interventions.store';

/** Today as a calendar day in UTC, like the API's "not after tomorrow". */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The interventions log: what was done when (trainings, communications, leadership posts, …) and for whom,
 * with each one's before/after effect on demand. Admins and change managers log, edit and delete (after a
 * confirmation); everyone else reads. Every change reloads the shared store, so every chart's markers follow.
 */
@Component({
  selector: 'up-intervention-log',
  imports: [InterventionEffectComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './intervention-log.component.html',
  styleUrl: './intervention-log.component.css',
})
export class InterventionLogComponent {
  private readonly api = inject(BusinessCaseApi);
  protected readonly store = inject(InterventionsStore);
  readonly organisationId = input.required<string>();
  readonly canEdit = input(false);

  protected readonly kinds = INTERVENTION_KIND_OPTIONS;
  private readonly orgUnits = httpResource<OrgUnitView[]>(() =>
    RolloutApi.orgUnitsUrl(this.organisationId()),
  );
  private readonly groups = httpResource<GroupView[]>(() => RolloutApi.groupsUrl(this.organisationId()));
  protected readonly orgUnitList = computed(() => (this.orgUnits.hasValue() ? this.orgUnits.value() : []));
  protected readonly groupList = computed(() => (this.groups.hasValue() ? this.groups.value() : []));
  protected readonly directoryError = computed(() => {
    const error = this.orgUnits.error() ?? this.groups.error();
    return error ? errorMessage(error) : null;
  });
  private readonly names = computed(() => ({
    orgUnits: new Map(this.orgUnitList().map((unit) => [unit.id, unit.name])),
    groups: new Map(this.groupList().map((group) => [group.id, group.name])),
  }));
  protected readonly rows = computed(() => interventionRows(this.store.list(), this.names()));
  private readonly byId = computed(() => new Map(this.store.list().map((item) => [item.id, item])));

  /** The intervention being edited ('new' for the log form), its draft and errors. */
  protected readonly editingId = signal<string | null>(null);
  protected readonly draft = signal<InterventionDraft>(emptyInterventionDraft(todayUtc()));
  protected readonly clientErrors = signal<Partial<Record<InterventionField, string>>>({});
  protected readonly serverErrors = signal<FieldMessages<InterventionField> | null>(null);
  protected readonly busy = signal(false);
  protected readonly confirmingDelete = signal<string | null>(null);
  protected readonly deleteError = signal<string | null>(null);
  /** What the save button says: saving, logging a new intervention or saving an edit. */
  protected saveState(id: string): 'busy' | 'new' | 'edit' {
    if (this.busy()) return 'busy';
    return id === 'new' ? 'new' : 'edit';
  }
  /** Interventions whose effect is open. */
  protected readonly openEffects = signal<ReadonlySet<string>>(new Set());

  constructor() {
    effect(() => this.store.use());
  }

  protected intervention(id: string): InterventionView | undefined {
    return this.byId().get(id);
  }

  protected error(field: InterventionField): string | null {
    return fieldError(field, this.clientErrors(), this.serverErrors());
  }

  protected startNew(): void {
    this.edit('new', emptyInterventionDraft(todayUtc()));
  }

  protected startEdit(id: string): void {
    const intervention = this.intervention(id);
    if (intervention) this.edit(id, interventionDraftOf(intervention));
  }

  private edit(id: string, draft: InterventionDraft): void {
    this.editingId.set(id);
    this.draft.set(draft);
    this.clientErrors.set({});
    this.serverErrors.set(null);
  }

  protected patch(changes: Partial<InterventionDraft>): void {
    this.draft.update((draft) => ({ ...draft, ...changes }));
  }

  protected pick(field: 'orgUnitIds' | 'groupIds', event: Event): void {
    const select = event.target as HTMLSelectElement;
    this.patch({ [field]: Array.from(select.selectedOptions, (option) => option.value) });
  }

  protected save(event: Event): void {
    event.preventDefault();
    const id = this.editingId();
    if (!id) return;
    const { body, errors } = interventionBody(this.draft(), todayUtc());
    this.clientErrors.set(errors);
    this.serverErrors.set(null);
    if (!body) return;
    this.busy.set(true);
    const request =
      id === 'new'
        ? this.api.createIntervention(this.organisationId(), body)
        : this.api.updateIntervention(this.organisationId(), id, body);
    request.subscribe({
      next: () => {
        this.busy.set(false);
        this.editingId.set(null);
        this.store.refresh();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.serverErrors.set(serverFieldErrors(error, INTERVENTION_FIELDS));
      },
    });
  }

  protected remove(id: string): void {
    this.busy.set(true);
    this.deleteError.set(null);
    this.api.deleteIntervention(this.organisationId(), id).subscribe({
      next: () => {
        this.busy.set(false);
        this.confirmingDelete.set(null);
        this.store.refresh();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.deleteError.set(errorMessage(error));
      },
    });
  }

  protected toggleEffect(id: string): void {
    this.openEffects.update((open) => {
      const next = new Set(open);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }
}
