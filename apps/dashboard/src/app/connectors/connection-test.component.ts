import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, linkedSignal, signal } from '@angular/core';
import type { ConnectionTestResult } from '@uptake/contracts';
import { errorMessage } from '../api/uptake-api.service';
import { ConnectorsApi } from './connectors-api';
import { timeAgo } from './sync-status';

/**
 * "Test connection" for a saved source of an API connector: whether its stored credentials reach the
 * service with the permissions the read needs, check by check, naming the permission to grant.
 */
@Component({
  selector: 'up-connection-test',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './connection-test.component.html',
  styleUrl: './connection-test.component.css',
})
export class ConnectionTestComponent {
  private readonly api = inject(ConnectorsApi);

  readonly organisationId = input.required<string>();
  readonly sourceId = input.required<string>();

  /** The last result belongs to one source: another source starts without one. */
  protected readonly result = linkedSignal<string, ConnectionTestResult | null>({
    source: this.sourceId,
    computation: () => null,
  });
  protected readonly error = linkedSignal<string, { message: string; untestable: boolean } | null>({
    source: this.sourceId,
    computation: () => null,
  });
  protected readonly testing = signal(false);
  protected readonly testedAgo = (testedAt: string): string => timeAgo(testedAt, Date.now());

  protected test(): void {
    this.testing.set(true);
    this.error.set(null);
    this.api.testConnection(this.organisationId(), this.sourceId()).subscribe({
      next: (result) => {
        this.testing.set(false);
        this.result.set(result);
      },
      error: (error: unknown) => {
        this.testing.set(false);
        this.result.set(null);
        // 409: the connector reads no service (the catalogue cannot tell beforehand which API ones do).
        const untestable = error instanceof HttpErrorResponse && error.status === 409;
        this.error.set({ message: errorMessage(error), untestable });
      },
    });
  }
}
