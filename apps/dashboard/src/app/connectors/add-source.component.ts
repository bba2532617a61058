import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import type { ConnectorInfo, ConnectorType, Source } from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { connectorOf } from './connector-catalogue';
import { ConnectorsApi } from './connectors-api';
import { SchemaFormComponent } from './schema-form.component';
import { errorsByField, formFields, initialDraft, readDraft } from './schema-fields';
import { fieldErrors, messagesOf, type FieldErrors } from './source-form';

/** The connector chosen first: a CSV upload slot is the quickest start. */
const FIRST_CHOICE: ConnectorType = 'csv';

interface FormErrors {
  form: FieldErrors;
  /** Messages of one settings or credentials property, by property name. */
  settings: Record<string, string[]>;
  credentials: Record<string, string[]>;
}

const NO_ERRORS: FormErrors = { form: { byField: {}, other: [] }, settings: {}, credentials: {} };

/**
 * "Add source": connector type, name, schedule, and the connector's settings and credentials as a form
 * generated from the JSON Schemas of the API's catalogue (loaded by the page).
 */
@Component({
  selector: 'up-add-source',
  imports: [SchemaFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './add-source.component.html',
  styleUrl: './add-source.component.css',
})
export class AddSourceComponent {
  private readonly api = inject(ConnectorsApi);

  readonly organisationId = input.required<string>();
  readonly connectors = input.required<readonly ConnectorInfo[]>();
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  readonly created = output<Source>();

  protected readonly connectorType = linkedSignal<readonly ConnectorInfo[], ConnectorType | null>({
    source: this.connectors,
    computation: (connectors, previous) => {
      const kept = previous?.value && connectorOf(connectors, previous.value);
      return (kept || connectorOf(connectors, FIRST_CHOICE) || connectors[0])?.type ?? null;
    },
  });
  protected readonly connector = computed(() => {
    const type = this.connectorType();
    return type ? connectorOf(this.connectors(), type) : undefined;
  });
  protected readonly settingsFields = computed(() => formFields(this.connector()?.settingsSchema ?? {}));
  protected readonly credentialsFields = computed(() =>
    formFields(this.connector()?.credentialsSchema ?? {}, { secret: true }),
  );
  /** Each connector's form starts from its schema's defaults; choosing another one starts over. */
  protected readonly settings = linkedSignal(() => initialDraft(this.settingsFields()));
  protected readonly credentials = linkedSignal(() => initialDraft(this.credentialsFields()));
  protected readonly name = signal('');
  protected readonly schedule = signal('');
  protected readonly saving = signal(false);
  protected readonly errors = signal<FormErrors>(NO_ERRORS);

  protected chooseConnector(type: string): void {
    this.connectorType.set(type as ConnectorType);
    this.errors.set(NO_ERRORS);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const connectorType = this.connectorType();
    if (!connectorType) return;
    const settings = readDraft(this.settingsFields(), this.settings(), 'settings');
    const credentials = readDraft(this.credentialsFields(), this.credentials(), 'credentials');
    const nameProblems = this.name().trim()
      ? []
      : // The field's name stays as the API writes it: the message is sorted to the field by it.
        [`name: ${$localize`:@@connectors.add.nameMissing:give the source a name`}`];
    const invalid = Object.keys(settings.errors).length + Object.keys(credentials.errors).length > 0;
    if (invalid || nameProblems.length > 0) {
      this.errors.set({
        form: fieldErrors(nameProblems),
        settings: settings.errors,
        credentials: credentials.errors,
      });
      return;
    }
    this.saving.set(true);
    this.errors.set(NO_ERRORS);
    const schedule = this.schedule().trim();
    this.api
      .createSource(this.organisationId(), {
        name: this.name().trim(),
        connectorType,
        settings: settings.value,
        ...(Object.keys(credentials.value).length > 0 ? { credentials: credentials.value } : {}),
        ...(schedule ? { schedule } : {}),
      })
      .subscribe({
        next: (source) => {
          this.saving.set(false);
          this.name.set('');
          this.schedule.set('');
          this.credentials.set(initialDraft(this.credentialsFields()));
          this.created.emit(source);
        },
        error: (error: unknown) => {
          this.saving.set(false);
          const messages =
            error instanceof HttpErrorResponse ? messagesOf(error.error) : [errorMessage(error)];
          this.errors.set(this.sortErrors(messages.length > 0 ? messages : [errorMessage(error)]));
        },
      });
  }

  /** The API's messages next to the fields they name; settings/credentials messages naming no field stay on top. */
  private sortErrors(messages: readonly string[]): FormErrors {
    const form = fieldErrors(messages);
    const settings = errorsByField(form.byField.settings ?? [], 'settings', this.settingsFields());
    const credentials = errorsByField(
      form.byField.credentials ?? [],
      'credentials',
      this.credentialsFields(),
    );
    return {
      form: {
        ...form,
        byField: { ...form.byField, settings: settings.other, credentials: credentials.other },
      },
      settings: settings.byField,
      credentials: credentials.byField,
    };
  }
}
