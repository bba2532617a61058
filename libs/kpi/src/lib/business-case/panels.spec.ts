import { GOAL_KPI_KEYS } from '@uptake/contracts';
import {
  MAX_PANEL_PEOPLE,
  panelMetricOfGoalKpi,
  panelMetricText,
  panelPeopleCap,
  parsePanelMetric,
} from './panels';

describe('panel metrics', () => {
  it('maps every goal KPI to the person-week metric whose mean over people is the KPI', () => {
    expect(Object.fromEntries(GOAL_KPI_KEYS.map((kpi) => [kpi, panelMetricOfGoalKpi(kpi)]))).toEqual({
      adoption_rate: { kind: 'activity', metric: 'adopted' },
      weekly_active_rate: { kind: 'activity', metric: 'weekly_active' },
      contributor_share: { kind: 'activity', metric: 'contributor' },
      median_hours_to_first_response: { kind: 'activity', metric: 'hours_to_first_response' },
      emails_sent_per_person_per_week: { kind: 'usage', metric: 'email.sent' },
    });
  });

  it('parses goal KPIs, activity metrics and usage:<metric>, and writes them back', () => {
    expect(parsePanelMetric('weekly_active_rate')).toEqual({ kind: 'activity', metric: 'weekly_active' });
    expect(parsePanelMetric('contributor')).toEqual({ kind: 'activity', metric: 'contributor' });
    expect(parsePanelMetric('usage:email.read')).toEqual({ kind: 'usage', metric: 'email.read' });
    expect(parsePanelMetric('emails_sent_per_person_per_week')).toEqual({
      kind: 'usage',
      metric: 'email.sent',
    });
    for (const text of ['usage:email.sent', 'adopted', 'hours_to_first_response']) {
      expect(panelMetricText(parsePanelMetric(text))).toBe(text);
    }
  });

  it('refuses anything else, including usage names the usage table would refuse', () => {
    for (const text of [
      '',
      'usage:',
      'usage:Email',
      'usage:1x',
      'usage:email sent',
      'email.sent',
      'active',
    ]) {
      expect(() => parsePanelMetric(text)).toThrow('is not a panel metric');
    }
    expect(() => parsePanelMetric(`usage:a${'b'.repeat(64)}`)).toThrow('is not a panel metric');
  });
});

describe('panelPeopleCap', () => {
  it('keeps both groups within MAX_PANEL_ROWS person-weeks', () => {
    // 4,000,000 / (2 × 8) = 250,000 > 200,000: the people cap; 4,000,000 / (2 × 156) = 12,820.5
    expect(panelPeopleCap(8)).toBe(MAX_PANEL_PEOPLE);
    expect(panelPeopleCap(156)).toBe(12_820);
  });
});
