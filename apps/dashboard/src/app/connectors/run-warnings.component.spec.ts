import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { RunWarning } from '@uptake/contracts';
import { RunWarningsComponent } from './run-warnings.component';

const WARNINGS: RunWarning[] = [
  {
    code: 'slack.skipped-entry',
    message: 'Not a conversation Uptake reads: skipped on purpose.',
    count: 12,
    file: 'canvases/',
  },
  {
    code: 'slack.unlisted-reactions',
    message: 'Reactions stored without a person.',
    count: 1_204,
  },
  { code: 'slack.deleted-thread-root', message: 'A thread whose first message was deleted.', count: 1 },
];

describe('RunWarningsComponent', () => {
  let fixture: ComponentFixture<RunWarningsComponent>;
  const element = () => fixture.nativeElement as HTMLElement;
  const all = (testId: string) =>
    [...element().querySelectorAll(`[data-testid="${testId}"]`)].map((node) => node.textContent?.trim());

  beforeEach(() => {
    fixture = TestBed.createComponent(RunWarningsComponent);
  });

  it('lists each warning with its file and how often, folded unless asked to open', () => {
    fixture.componentRef.setInput('warnings', WARNINGS);
    fixture.detectChanges();
    expect(element().querySelector('[data-testid="run-warnings-summary"]')?.textContent?.trim()).toBe(
      '3 warnings',
    );
    expect(all('run-warning-message')).toEqual(WARNINGS.map((warning) => warning.message));
    expect(all('run-warning-file')).toEqual(['canvases/']);
    // a count of 1 is not repeated
    expect(all('run-warning-count')).toEqual(['×12', '×1,204']);
    expect((element().querySelector('details') as HTMLDetailsElement).open).toBe(false);

    fixture.componentRef.setInput('open', true);
    fixture.detectChanges();
    expect((element().querySelector('details') as HTMLDetailsElement).open).toBe(true);
  });

  it('shows nothing for a run without warnings', () => {
    fixture.componentRef.setInput('warnings', []);
    fixture.detectChanges();
    expect(element().querySelector('[data-testid="run-warnings"]')).toBeNull();
  });
});
