import '../../locale/dutch.testing';
import { TestBed } from '@angular/core/testing';
import type { RunWarning } from '@uptake/contracts';
import { RunWarningsComponent } from './run-warnings.component';

/*
 * A run's warnings in Dutch: known codes whose message is the connector's wording are said in Dutch (figures
 * quoted in the message in Dutch format); a reworded message or an unknown code stays as stored.
 */
const WARNINGS: RunWarning[] = [
  {
    code: 'ms-teams.page-limit',
    message:
      'The run read 5000 pages of messages (maxPagesPerRun) and stopped: the next run continues from there.',
    count: 1,
  },
  {
    code: 'slack.unknown-subtype.huddle_thread',
    message: `Messages of subtype "huddle_thread" are not in the connector's subtype table: skipped.`,
    count: 3,
    file: 'general/2026-03-01.json',
  },
  { code: 'slack.deleted-thread-root', message: 'A thread whose first message was deleted.', count: 2 },
  { code: 'jira.new-warning', message: 'Something a newer connector says.', count: 1 },
];

describe('RunWarningsComponent in Dutch', () => {
  it('says known warnings in Dutch and keeps the stored English of the others', () => {
    const fixture = TestBed.createComponent(RunWarningsComponent);
    fixture.componentRef.setInput('warnings', WARNINGS);
    fixture.componentRef.setInput('open', true);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const all = (testId: string) =>
      [...element.querySelectorAll(`[data-testid="${testId}"]`)].map((node) => node.textContent?.trim());
    expect(element.querySelector('[data-testid="run-warnings-summary"]')?.textContent?.trim()).toBe(
      '4 waarschuwingen',
    );
    expect(all('run-warning-message')).toEqual([
      'De run las 5.000 pagina’s berichten (maxPagesPerRun) en stopte: de volgende run gaat daar verder.',
      'Berichten van subtype "huddle_thread" staan niet in de subtypetabel van de connector: overgeslagen.',
      // A known code, but not the connector's wording: a translation could say something it no longer says.
      'A thread whose first message was deleted.',
      'Something a newer connector says.',
    ]);
    expect(all('run-warning-count')).toEqual(['×3', '×2']);
  });
});
