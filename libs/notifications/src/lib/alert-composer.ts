import type { GateStatus, KpiHeadline, Locale, ThresholdDirection } from '@uptake/contracts';
import { Formats, t, type MessageKey } from './catalogue';
import { dashboardLink } from './digest-data';
import { htmlButton, htmlDocument, htmlHeading, htmlParagraph } from './html';

/** What happened, as an alert says it: names of plans, phases and sources, and k-protected shares only. */
export type AlertEvent =
  | { kind: 'gate_status_changed'; plan: string; phase: string; from: GateStatus | null; to: GateStatus }
  | {
      kind: 'phase_transition';
      plan: string;
      from: string | null;
      to: string | null;
      gate: GateStatus | null;
    }
  | { kind: 'source_stale'; source: string; lastSuccessAt: Date | null }
  | { kind: 'source_failing'; source: string }
  | {
      kind: 'kpi_threshold';
      kpi: KpiHeadline;
      direction: ThresholdDirection;
      threshold: number;
      value: number;
      week: string;
      /** false: the whole organisation; true: an org unit or group (its id is not named in the message). */
      filtered: boolean;
    }
  | { kind: 'test' };

export interface AlertContext {
  locale: Locale;
  organisation: { id: string; name: string; timeZone: string };
  /** The rule's name (or a description of it); absent for a channel test. */
  rule?: string;
  publicUrl: string;
}

/** One alert in every channel's form: e-mail (text + HTML), Slack and Teams incoming-webhook bodies. */
export interface ComposedAlert {
  subject: string;
  text: string;
  html: string;
  slack: { text: string; blocks: object[] };
  teams: object;
}

const PAGE: Record<AlertEvent['kind'], string> = {
  gate_status_changed: '/rollout',
  phase_transition: '/rollout',
  source_stale: '/connectors',
  source_failing: '/connectors',
  kpi_threshold: '/adoption',
  test: '/overview',
};

/** Subject and sentence of an event. */
function wording(event: AlertEvent, context: AlertContext, f: Formats): { subject: string; body: string } {
  const { locale } = context;
  const gate = (status: GateStatus | null) =>
    t(locale, status ? (`gate.${status}` as MessageKey) : 'gate.none');
  switch (event.kind) {
    case 'gate_status_changed': {
      const values = {
        plan: event.plan,
        phase: event.phase,
        status: gate(event.to),
        from: gate(event.from),
        to: gate(event.to),
      };
      return { subject: t(locale, 'alert.gate.subject', values), body: t(locale, 'alert.gate.text', values) };
    }
    case 'phase_transition': {
      const values = {
        plan: event.plan,
        from: event.from ?? '–',
        to: event.to ?? '–',
        status: gate(event.gate),
      };
      return {
        subject: t(locale, 'alert.transition.subject', values),
        body: t(locale, 'alert.transition.text', values),
      };
    }
    case 'source_stale': {
      const when = event.lastSuccessAt ? f.instant(event.lastSuccessAt) : t(locale, 'maintainer.never');
      const values = { source: event.source, when };
      return {
        subject: t(locale, 'alert.stale.subject', values),
        body: t(locale, 'alert.stale.text', values),
      };
    }
    case 'source_failing':
      return {
        subject: t(locale, 'alert.failing.subject', { source: event.source }),
        body: t(locale, 'alert.failing.text', { source: event.source }),
      };
    case 'kpi_threshold': {
      const values = {
        kpi: t(locale, `kpi.${event.kpi}` as MessageKey),
        direction: t(locale, `alert.kpi.${event.direction}`),
        threshold: f.percent(event.threshold),
        value: f.percent(event.value),
        week: f.day(event.week),
        population: t(locale, event.filtered ? 'alert.population' : 'alert.organisation'),
      };
      return { subject: t(locale, 'alert.kpi.subject', values), body: t(locale, 'alert.kpi.text', values) };
    }
    case 'test':
      return {
        subject: t(locale, 'alert.test.subject'),
        body: t(locale, 'alert.test.text', { organisation: context.organisation.name }),
      };
  }
}

/** Slack's mrkdwn needs &, < and > escaped (they start links and mentions). */
function slackEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An alert for every channel, from one wording. Pure. */
export function composeAlert(event: AlertEvent, context: AlertContext): ComposedAlert {
  const { locale } = context;
  const f = new Formats(locale, context.organisation.timeZone);
  const { subject, body } = wording(event, context, f);
  const link = dashboardLink(context.publicUrl, PAGE[event.kind], context.organisation.id);
  const open = t(locale, 'digest.open');
  const footer = context.rule
    ? t(locale, 'alert.footer', { rule: context.rule, organisation: context.organisation.name })
    : context.organisation.name;
  const text = [subject, '', body, '', `${open}: ${link}`, '', footer].join('\n');
  const html = htmlDocument(
    locale,
    subject,
    [htmlHeading(subject, 2), htmlParagraph(body), htmlButton(link, open), htmlParagraph(footer, true)].join(
      '',
    ),
  );
  const slack = {
    text: subject,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${slackEscape(subject)}*\n${slackEscape(body)}` } },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: open }, url: link }],
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: slackEscape(footer) }] },
    ],
  };
  const teams = {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: subject,
    themeColor: '4338CA',
    title: subject,
    text: `${body}\n\n${footer}`,
    potentialAction: [{ '@type': 'OpenUri', name: open, targets: [{ os: 'default', uri: link }] }],
  };
  return { subject, text, html, slack, teams };
}
