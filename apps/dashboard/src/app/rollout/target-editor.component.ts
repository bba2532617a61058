import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { GroupView, OrgUnitView, PersonAttribute } from '@uptake/contracts';
import { groupKindName } from '../communities/communities';
import { orgUnitKindName, personAttributes, type RuleDraft, type TargetDraft } from './phase-draft';

/** Who a phase (or its comparison group) targets: org units, groups, listed pseudonyms and attribute rules. */
@Component({
  selector: 'up-target-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './target-editor.component.css',
  template: `
    <fieldset class="group-box" [attr.data-testid]="testId()">
      <legend>{{ legend() }}</legend>
      <p class="muted small" i18n="@@rollout.target.intro">
        Everyone in the selected units, groups and list; all empty = the whole organisation.
      </p>
      <div class="target-grid">
        <label class="field">
          <span i18n="@@rollout.target.orgUnits">Org units (with their sub-units)</span>
          <select multiple size="6" data-testid="target-org-units" (change)="pick('orgUnitIds', $event)">
            @for (unit of orgUnits(); track unit.id) {
              <option [value]="unit.id" [selected]="value().orgUnitIds.includes(unit.id)">
                {{ unit.name }} ({{ unitKind(unit.kind) }})
              </option>
            }
          </select>
        </label>
        <label class="field">
          <span i18n="@@rollout.target.groups">Groups</span>
          <select multiple size="6" data-testid="target-groups" (change)="pick('groupIds', $event)">
            @for (group of groups(); track group.id) {
              <option [value]="group.id" [selected]="value().groupIds.includes(group.id)">
                {{ group.name }} ({{ groupKind(group.kind) }})
              </option>
            }
          </select>
        </label>
        <label class="field">
          <span i18n="@@rollout.target.people">People (pseudonyms, one per line)</span>
          <textarea
            rows="6"
            data-testid="target-pseudonyms"
            [value]="value().pseudonyms"
            (input)="patch({ pseudonyms: $any($event.target).value })"
          ></textarea>
        </label>
      </div>
      @if (directoryError()) {
        <p class="error small" role="alert" i18n="@@rollout.target.directoryError">
          Could not load org units or groups: {{ directoryError() }}
        </p>
      }
      <div class="rules">
        <span class="small muted" i18n="@@rollout.target.rules">Only people matching every rule:</span>
        @for (rule of value().rules; track $index; let i = $index) {
          <div class="rule" data-testid="target-rule">
            <select
              aria-label="Attribute"
              i18n-aria-label="@@rollout.target.attribute"
              (change)="setRule(i, { attribute: $any($event.target).value })"
            >
              @for (attribute of attributes; track attribute.value) {
                <option [value]="attribute.value" [selected]="attribute.value === rule.attribute">
                  {{ attribute.label }}
                </option>
              }
            </select>
            <input
              aria-label="Values, separated by commas"
              i18n-aria-label="@@rollout.target.values"
              placeholder="values, separated by commas"
              i18n-placeholder="@@rollout.target.valuesPlaceholder"
              [value]="rule.values"
              (input)="setRule(i, { values: $any($event.target).value })"
            />
            <button type="button" class="link" (click)="removeRule(i)" i18n="@@rollout.remove">Remove</button>
          </div>
        }
        <button
          type="button"
          class="link"
          data-testid="target-add-rule"
          (click)="addRule()"
          i18n="@@rollout.target.addRule"
        >
          Add rule
        </button>
      </div>
    </fieldset>
  `,
})
export class TargetEditorComponent {
  readonly legend = input.required<string>();
  readonly testId = input('target');
  readonly value = input.required<TargetDraft>();
  readonly orgUnits = input<OrgUnitView[]>([]);
  readonly groups = input<GroupView[]>([]);
  readonly directoryError = input<string | null>(null);
  readonly valueChange = output<TargetDraft>();
  protected readonly attributes = personAttributes();
  protected readonly groupKind = groupKindName;
  protected readonly unitKind = orgUnitKindName;

  protected patch(changes: Partial<TargetDraft>): void {
    this.valueChange.emit({ ...this.value(), ...changes });
  }

  protected pick(field: 'orgUnitIds' | 'groupIds', event: Event): void {
    const select = event.target as HTMLSelectElement;
    this.patch({ [field]: Array.from(select.selectedOptions, (option) => option.value) });
  }

  protected setRule(index: number, changes: Partial<RuleDraft>): void {
    this.patch({
      rules: this.value().rules.map((rule, i) => (i === index ? { ...rule, ...changes } : rule)),
    });
  }

  protected addRule(): void {
    const attribute: PersonAttribute = 'level';
    this.patch({ rules: [...this.value().rules, { attribute, values: '' }] });
  }

  protected removeRule(index: number): void {
    this.patch({ rules: this.value().rules.filter((_, i) => i !== index) });
  }
}
