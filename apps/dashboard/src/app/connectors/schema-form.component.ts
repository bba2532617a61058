import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import type { FieldDraft, FormDraft, FormFieldSpec } from './schema-fields';

/**
 * The fields of one settings or credentials schema as inputs (see schema-fields.ts for which input a
 * property gets). The draft is two-way bound; messages for a field (client checks and the API's 400s)
 * appear under it.
 */
@Component({
  selector: 'up-schema-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './schema-form.component.html',
  styleUrl: './schema-form.component.css',
})
export class SchemaFormComponent {
  readonly fields = input.required<readonly FormFieldSpec[]>();
  readonly draft = model.required<FormDraft>();
  readonly errors = input<Record<string, string[]>>({});
  /** Prefix of element ids and test ids, e.g. `add-source-settings`. */
  readonly idPrefix = input.required<string>();

  protected set(name: string, value: FieldDraft): void {
    this.draft.update((draft) => ({ ...draft, [name]: value }));
  }

  protected text(name: string): string {
    const value = this.draft()[name];
    return typeof value === 'string' ? value : '';
  }

  protected chosen(name: string): readonly string[] {
    const value = this.draft()[name];
    return Array.isArray(value) ? value : [];
  }

  protected selectedOptions(select: HTMLSelectElement): string[] {
    return [...select.selectedOptions].map((option) => option.value);
  }

  protected id(field: FormFieldSpec): string {
    return `${this.idPrefix()}-${field.name}`;
  }

  /** Text under the field: its description, and the bounds the schema sets. */
  protected hint(field: FormFieldSpec): string {
    const bounds: string[] = [];
    const { min, max } = field;
    if (min !== null && max !== null) bounds.push(`${min}–${max}`);
    else if (min !== null) bounds.push($localize`:@@connectors.hint.atLeast:at least ${min}:min:`);
    else if (max !== null) bounds.push($localize`:@@connectors.hint.atMost:at most ${max}:max:`);
    if (field.kind === 'lines') bounds.push($localize`:@@connectors.hint.onePerLine:one value per line`);
    if (field.kind === 'json') bounds.push(`JSON: ${field.typeHint}`);
    return [field.description, ...bounds].filter(Boolean).join(' · ');
  }
}
