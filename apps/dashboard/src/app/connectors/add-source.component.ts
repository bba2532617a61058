import { HttpErrorResponse } from '@angular/common/http';
import { NgTemplateOutlet } from '@angular/common';
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
import { connectorOf, exampleSettings, needsCredentials, schemaFields } from './connector-catalogue';
import { ConnectorsApi } from './connectors-api';
import { fieldErrors, messagesOf, parseJsonObject, type FieldErrors } from './source-form';

/** The connector chosen first: a CSV upload slot is the quickest start. */
const FIRST_CHOICE: ConnectorType = 'csv';

/**
 * "Add source": connector type, name, settings (JSON), optional credentials and schedule. The connectors,
 * their fields and example settings come from the API's catalogue (loaded by the page).
 */
@Component({
  selector: 'up-add-source',
  imports: [NgTemplateOutlet],
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
  protected readonly needsCredentials = computed(() => {
    const connector = this.connector();
    return connector ? needsCredentials(connector) : false;
  });
  protected readonly settingsFields = computed(() => schemaFields(this.connector()?.settingsSchema ?? {}));
  protected readonly credentialsFields = computed(() =>
    schemaFields(this.connector()?.credentialsSchema ?? {}),
  );
  /** Starts as the chosen connector's example settings; the user edits it from there. */
  protected readonly settings = linkedSignal(() => {
    const connector = this.connector();
    return JSON.stringify(connector ? exampleSettings(connector) : {});
  });
  protected readonly name = signal('');
  /** Credentials belong to one connector: choosing another one clears them. */
  protected readonly credentials = linkedSignal({ source: this.connectorType, computation: () => '' });
  protected readonly schedule = signal('');
  protected readonly saving = signal(false);
  protected readonly errors = signal<FieldErrors>({ byField: {}, other: [] });

  protected chooseConnector(type: string): void {
    this.connectorType.set(type as ConnectorType);
    this.errors.set({ byField: {}, other: [] });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const connectorType = this.connectorType();
    if (!connectorType) return;
    const settings = parseJsonObject(this.settings(), 'settings');
    const credentials = parseJsonObject(this.credentials(), 'credentials');
    const problems = [settings, credentials].flatMap((result) => ('error' in result ? [result.error] : []));
    if (!this.name().trim()) problems.unshift('name: give the source a name');
    if (problems.length > 0 || 'error' in settings || 'error' in credentials) {
      this.errors.set(fieldErrors(problems));
      return;
    }
    this.saving.set(true);
    this.errors.set({ byField: {}, other: [] });
    const schedule = this.schedule().trim();
    this.api
      .createSource(this.organisationId(), {
        name: this.name().trim(),
        connectorType,
        settings: settings.value,
        ...(this.credentials().trim() ? { credentials: credentials.value } : {}),
        ...(schedule ? { schedule } : {}),
      })
      .subscribe({
        next: (source) => {
          this.saving.set(false);
          this.name.set('');
          this.schedule.set('');
          this.credentials.set('');
          this.created.emit(source);
        },
        error: (error: unknown) => {
          this.saving.set(false);
          const messages =
            error instanceof HttpErrorResponse ? messagesOf(error.error) : [errorMessage(error)];
          this.errors.set(fieldErrors(messages.length > 0 ? messages : [errorMessage(error)]));
        },
      });
  }
}
