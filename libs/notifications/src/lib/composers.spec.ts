import { composeAlert } from './alert-composer';
import { composeDigest } from './digest-composer';
import type { DigestData } from './digest-data';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const organisation = { id: 'org-1', name: 'Acme & Co', minGroupSize: 5, timeZone: 'Europe/Amsterdam' };

function data(): DigestData {
  return {
    organisation,
    frequency: 'weekly',
    asOf: '2026-11-29',
    since: new Date('2026-11-23T07:00:00Z'),
    executive: {
      weeklyActive: [
        { week: '2026-11-16', share: 0.3 },
        { week: '2026-11-23', share: 0.425 },
      ],
      target: 0.6,
      goals: [
        {
          name: '<b>Adoption</b>',
          kpi: 'adoption_rate',
          unit: '',
          current: 0.5,
          target: 0.8,
          status: 'on-track',
        },
        {
          name: 'Pilot reach',
          kpi: 'weekly_active_rate',
          unit: '',
          current: null,
          target: 0.5,
          status: 'no-data',
        },
        {
          name: 'Replies',
          kpi: 'median_hours_to_first_response',
          unit: 'h',
          current: 3.25,
          target: 2,
          status: 'at-risk',
        },
      ],
      plans: [{ plan: 'Rollout 2026', phase: 'Pilot', gate: 'at-risk' }],
    },
    changeManager: {
      gateChanges: [{ plan: 'Rollout 2026', phase: 'Pilot', from: 'pass', to: 'at-risk' }],
      transitions: [],
      atRisk: [
        {
          plan: 'Rollout 2026',
          phase: 'Pilot',
          metric: 'weekly_active_rate',
          value: 0.3,
          operator: '>=',
          threshold: 0.4,
        },
      ],
      unanswered: [{ unit: 'Sales', share: 0.25, firstPosts: 8 }],
      communities: [{ name: 'Engineering', growthPerWeek: -0.12 }],
    },
    connectorMaintainer: { failed: [{ source: 'Slack', count: 2 }], stale: [], quarantine: [] },
  };
}

describe('composeDigest', () => {
  const options = {
    locale: 'en' as const,
    sections: ['executive'] as const,
    publicUrl: 'https://uptake.example.com/',
  };

  it('says the figures of the reports, with the withheld one as withheld, and links the dashboard', async () => {
    const mail = await composeDigest(data(), options);
    expect(mail.subject).toBe('Uptake weekly digest for Acme & Co: week of 29 November 2026');
    expect(mail.text).toContain(
      'Weekly active people (share of eligible), week of 23 November 2026: 42.5% (Target: 60%)',
    );
    expect(mail.text).toContain('- <b>Adoption</b> | 50% | 80% | on track');
    expect(mail.text).toContain('- Pilot reach | withheld (fewer than 5 people) | 50% | no data');
    expect(mail.text).toContain('- Replies | 3.3 h | 2 h | at risk');
    expect(mail.text).toContain('- Rollout 2026 | Pilot | at risk');
    expect(mail.text).toContain('Open the dashboard: https://uptake.example.com/overview?org=org-1');
    // Only the executive section was asked for.
    expect(mail.text).not.toContain('Sales');
    expect(mail.text).not.toContain('Slack');
  });

  it('escapes names in the HTML and embeds the chart as an inline PNG', async () => {
    const mail = await composeDigest(data(), options);
    expect(mail.html).toContain('&lt;b&gt;Adoption&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Adoption</b>');
    expect(mail.html).toContain('Acme &amp; Co');
    expect(mail.images).toHaveLength(1);
    expect(mail.html).toContain(`src="cid:${mail.images[0].cid}"`);
    expect(mail.images[0].content.subarray(0, 8)).toEqual(PNG);
    expect(mail.images[0].content.length).toBeGreaterThan(2_000);
  });

  it('writes every section of an admin, in Dutch with Dutch numbers', async () => {
    const mail = await composeDigest(data(), {
      ...options,
      locale: 'nl',
      sections: ['executive', 'change_manager', 'connector_maintainer'],
    });
    expect(mail.subject).toBe('Uptake weekoverzicht voor Acme & Co: week van 29 november 2026');
    expect(mail.text).toContain('42,5% (Doel: 60%)');
    expect(mail.text).toContain('- Rollout 2026 – Pilot: gehaald → in gevaar');
    expect(mail.text).toContain('- Sales: 25% van 8 eerste berichten binnen 24 uur beantwoord');
    expect(mail.text).toContain('- Engineering: -12% per week');
    expect(mail.text).toContain('- Slack: 2 mislukte runs');
    expect(mail.html).toContain('<html lang="nl">');
  });

  it('says "nothing to report" for a section without data, and draws no chart without weeks', async () => {
    const empty: DigestData = {
      ...data(),
      executive: { weeklyActive: [], target: null, goals: [], plans: [] },
      changeManager: { gateChanges: [], transitions: [], atRisk: [], unanswered: [], communities: [] },
    };
    const mail = await composeDigest(empty, { ...options, sections: ['change_manager'] });
    expect(mail.text).toContain('ROLLOUT AND COMMUNITIES\nNothing to report.');
    expect(mail.images).toEqual([]);
  });
});

describe('composeAlert', () => {
  const context = {
    locale: 'en' as const,
    organisation,
    rule: 'Pilot <gate>',
    publicUrl: 'https://uptake.example.com',
  };

  it('words a gate change for e-mail, Slack (escaped mrkdwn) and Teams (MessageCard)', async () => {
    const alert = composeAlert(
      { kind: 'gate_status_changed', plan: 'Rollout', phase: 'Pilot', from: 'pass', to: 'fail' },
      context,
    );
    expect(alert.subject).toBe('Gate status changed: Rollout – Pilot is now fail');
    expect(alert.text).toContain('The gate of phase Pilot of plan Rollout changed from pass to fail.');
    expect(alert.text).toContain('https://uptake.example.com/rollout?org=org-1');
    expect(alert.slack.text).toBe(alert.subject);
    expect(JSON.stringify(alert.slack.blocks)).toContain('Pilot &lt;gate&gt;');
    expect(alert.teams).toMatchObject({
      '@type': 'MessageCard',
      title: alert.subject,
      potentialAction: [
        {
          '@type': 'OpenUri',
          targets: [{ os: 'default', uri: 'https://uptake.example.com/rollout?org=org-1' }],
        },
      ],
    });
    expect(alert.html).toContain('Pilot &lt;gate&gt;');
  });

  it('words a threshold crossing in Dutch with the figure as a share', async () => {
    const alert = composeAlert(
      {
        kind: 'kpi_threshold',
        kpi: 'weekly_active_rate',
        direction: 'below',
        threshold: 0.4,
        value: 0.355,
        week: '2026-11-23',
        filtered: false,
      },
      { ...context, locale: 'nl' },
    );
    expect(alert.subject).toBe('Aandeel wekelijks actief is onder 40%: 35,5%');
    expect(alert.text).toContain(
      'Aandeel wekelijks actief van de hele organisatie was 35,5% in de week van 23 november 2026',
    );
  });
});
