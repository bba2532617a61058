import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { RunWarning } from '@uptake/contracts';
import { formatCount } from '../shared/format';
import { runWarningMessage } from './run-warning-texts';

/**
 * What a run wants its maintainer to know that is not a bad record: files skipped on purpose, people
 * identified by a fallback key, reactions counted without people. Each with how often and, when it is about
 * one, the file. Nothing is shown for a run without warnings.
 */
@Component({
  selector: 'up-run-warnings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (warnings().length > 0) {
      <details class="run-warnings" data-testid="run-warnings" [open]="open()">
        <summary data-testid="run-warnings-summary">
          <ng-container i18n="@@connectors.warnings.summary">{warnings().length, plural,
            =1 {1 warning}
            other {{{ warnings().length }} warnings}
          }</ng-container>
        </summary>
        <ul>
          @for (warning of warnings(); track warning.code + (warning.file ?? '')) {
            <li data-testid="run-warning" [attr.data-code]="warning.code">
              @if (warning.file) {
                <code data-testid="run-warning-file">{{ warning.file }}</code>{{ ' ' }}
              }
              <span data-testid="run-warning-message">{{ message(warning) }}</span>
              @if (warning.count > 1) {
                <span class="muted small" data-testid="run-warning-count"> ×{{ count(warning.count) }}</span>
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
  protected readonly count = (value: number) => formatCount(value);
  /** In the page's language when the code and wording are known (run-warning-texts.ts), else as stored. */
  protected readonly message = runWarningMessage;
}
