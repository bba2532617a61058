import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { RunWarning } from '@uptake/contracts';

/**
 * What a run wants its maintainer to know that is not a bad record: files skipped on purpose, people
 * identified by a fallback key, reactions counted without people. Each with how often and, when it is about
 * one, the file. Nothing is shown for a run without warnings.
 */
@Component({
  selector: 'up-run-warnings',
  imports: [DecimalPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (warnings().length > 0) {
      <details class="run-warnings" data-testid="run-warnings" [open]="open()">
        <summary data-testid="run-warnings-summary">
          {{ warnings().length }} {{ warnings().length === 1 ? 'warning' : 'warnings' }}
        </summary>
        <ul>
          @for (warning of warnings(); track warning.code + (warning.file ?? '')) {
            <li data-testid="run-warning" [attr.data-code]="warning.code">
              @if (warning.file) {
                <code data-testid="run-warning-file">{{ warning.file }}</code>{{ ' ' }}
              }
              <span data-testid="run-warning-message">{{ warning.message }}</span>
              @if (warning.count > 1) {
                <span class="muted small" data-testid="run-warning-count">
                  ×{{ warning.count | number }}</span
                >
              }
            </li>
          }
        </ul>
      </details>
    }
  `,
  styleUrl: './run-warnings.component.css',
})
export class RunWarningsComponent {
  readonly warnings = input.required<readonly RunWarning[]>();
  /** Unfolded at once (the followed run); folded in the run history table (a run keeps at most 50). */
  readonly open = input(false);
}
