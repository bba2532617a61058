import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal, type Type } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import type { EChartsCoreOption } from 'echarts/core';
import { ChartComponent } from '../charts/chart.component';
import { OrganisationContext, type Role } from '../shell/organisation-context';
import { ChartStub } from '../charts/chart.testing';
export { ChartStub };

export const ORGANISATION = { id: 'org-1', name: 'Acme', slug: 'acme', minGroupSize: 5, people: 120 };

/** The bits of OrganisationContext the sections read, with the URL parameters given. */
export function fakeContext(role: Role | null, params: Record<string, string> = {}) {
  return {
    organisation: signal(ORGANISATION),
    role: signal(role),
    filters: signal({
      from: params['from'],
      to: params['to'],
      orgUnitId: params['orgUnit'],
      groupId: params['group'],
    }),
    param: (name: string) => params[name],
    setParams: jest.fn(),
  };
}

export interface Rendered<T> {
  fixture: ComponentFixture<T>;
  http: HttpTestingController;
  context: ReturnType<typeof fakeContext>;
  /** Trimmed text of the first element with this data-testid (optionally inside another one). */
  text(testId: string, within?: string): string | null;
  /** The cell texts of each body row of the table with this data-testid. */
  rows(testId: string): string[][];
  /** Lets signals, resources and the template catch up with a flushed response. */
  settle(): Promise<void>;
  /** The option handed to the n-th chart. */
  chartOption(index?: number): EChartsCoreOption;
  /** Picks an option of the select with this data-testid, as a person would. */
  choose(testId: string, value: string): void;
}

export function renderSection<T>(
  component: Type<T>,
  role: Role | null = 'change_manager',
  params: Record<string, string> = {},
): Rendered<T> {
  const context = fakeContext(role, params);
  TestBed.configureTestingModule({
    imports: [component],
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: OrganisationContext, useValue: context },
    ],
  });
  TestBed.overrideComponent(component, {
    remove: { imports: [ChartComponent] },
    add: { imports: [ChartStub] },
  });
  const fixture = TestBed.createComponent(component);
  const http = TestBed.inject(HttpTestingController);
  fixture.detectChanges();
  const root = fixture.nativeElement as HTMLElement;
  return {
    fixture,
    http,
    context,
    text: (testId, within) =>
      root
        .querySelector(`${within ? `[data-testid="${within}"] ` : ''}[data-testid="${testId}"]`)
        ?.textContent?.replace(/\s+/g, ' ')
        .trim() ?? null,
    rows: (testId) =>
      [...root.querySelectorAll(`[data-testid="${testId}"] tbody tr`)].map((row) =>
        [...row.querySelectorAll('td')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
      ),
    settle: async () => {
      TestBed.tick();
      await new Promise((resolve) => setTimeout(resolve, 0));
      TestBed.tick();
      fixture.detectChanges();
    },
    chartOption: (index = 0) => {
      // By.directive matches the stubs' host elements only (their inner elements share the instance)
      const charts = fixture.debugElement.queryAll(By.directive(ChartStub));
      return (charts[index].componentInstance as ChartStub).options();
    },
    choose: (testId, value) => {
      const select = root.querySelector<HTMLSelectElement>(`select[data-testid="${testId}"]`);
      if (!select) throw new Error(`no select ${testId}`);
      select.value = value;
      select.dispatchEvent(new Event('change'));
    },
  };
}

export const badRequest = (message: string) =>
  [
    { statusCode: 400, message: [message], error: 'Bad Request' },
    { status: 400, statusText: 'Bad Request' },
  ] as const;
