import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import type { ConnectorType } from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { connectorInfo, CONNECTORS } from './connector-catalogue';
import { ConnectorsApi } from './connectors-api';
import type { Source } from './connectors.types';
import { fieldErrors, messagesOf, parseJsonObject, type FieldErrors } from './source-form';

/** "Add source": connector type, name, settings (JSON), optional credentials and schedule. */
@Component({
  selector: 'up-add-source',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './add-source.component.html',
  styleUrl: './connectors.page.css',
})
export class AddSourceComponent {
  private readonly api = inject(ConnectorsApi);

  readonly organisationId = input.required<string>();
  readonly created = output<Source>();

  readonly connectors = CONNECTORS;
  readonly connectorType = signal<ConnectorType>('csv');
  readonly name = signal('');
  readonly settings = signal('{}');
  readonly credentials = signal('');
  readonly schedule = signal('');
  readonly saving = signal(false);
  readonly errors = signal<FieldErrors>({ byField: {}, other: [] });
  readonly connector = computed(() => connectorInfo(this.connectorType()));

  chooseConnector(type: string): void {
    this.connectorType.set(type as ConnectorType);
    this.settings.set(JSON.stringify(connectorInfo(type).exampleSettings));
    this.errors.set({ byField: {}, other: [] });
  }

  submit(event: Event): void {
    event.preventDefault();
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
        connectorType: this.connectorType(),
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
