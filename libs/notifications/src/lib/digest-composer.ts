import type { DigestSection, Locale } from '@uptake/contracts';
import { Formats, t, type MessageKey } from './catalogue';
import {
  dashboardLink,
  DIGEST_ROWS,
  SECTION_PAGES,
  type ChangeManagerDigest,
  type DigestData,
  type ExecutiveDigest,
  type MaintainerDigest,
} from './digest-data';
import {
  escapeHtml,
  htmlButton,
  htmlDocument,
  htmlHeading,
  htmlList,
  htmlParagraph,
  htmlTable,
} from './html';

/** An inline image of a mail, referenced from its HTML as `cid:<cid>`. */
export interface MailImage {
  cid: string;
  filename: string;
  contentType: 'image/png';
  content: Buffer;
}

/** A composed e-mail: HTML with inline charts and a text part that says the same. */
export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
  images: MailImage[];
  /** The dashboard page the mail links to. */
  link: string;
}

export interface DigestOptions {
  locale: Locale;
  sections: readonly DigestSection[];
  publicUrl: string;
}

/** Text and HTML of one part of the digest. */
interface Part {
  text: string[];
  html: string[];
  images: MailImage[];
}

const GOAL_SHARE_KPIS = new Set(['adoption_rate', 'weekly_active_rate', 'contributor_share']);

/**
 * The digest e-mail of one member, from aggregates only (see DigestData). Pure: the same data gives the same
 * mail, so the preview route shows exactly what the scheduler sends. Async only because the chart renderer
 * (ECharts and resvg, ~27 MB) is loaded on the first digest, not when the worker starts.
 */
export async function composeDigest(data: DigestData, options: DigestOptions): Promise<ComposedMail> {
  const { locale } = options;
  const f = new Formats(locale, data.organisation.timeZone);
  const values = {
    organisation: data.organisation.name,
    day: f.day(data.asOf),
    k: data.organisation.minGroupSize,
  };
  const subject = t(locale, `digest.subject.${data.frequency}`, values);
  const link = dashboardLink(
    options.publicUrl,
    SECTION_PAGES[options.sections[0] ?? 'executive'],
    data.organisation.id,
  );
  const parts: Part[] = [];
  for (const section of options.sections) parts.push(await sectionPart(section, data, locale, f));
  const greeting = t(locale, 'digest.greeting', {
    ...values,
    frequency: t(locale, `digest.frequency.${data.frequency}`),
  });
  const footer = t(locale, 'digest.footer', values);
  const text = [
    subject,
    '',
    greeting,
    ...parts.flatMap((part) => ['', ...part.text]),
    '',
    `${t(locale, 'digest.open')}: ${link}`,
    '',
    footer,
  ].join('\n');
  const html = htmlDocument(
    locale,
    subject,
    [
      htmlHeading(subject, 2),
      htmlParagraph(greeting),
      ...parts.flatMap((part) => part.html),
      htmlButton(link, t(locale, 'digest.open')),
      htmlParagraph(footer, true),
    ].join(''),
  );
  return { subject, text, html, images: parts.flatMap((part) => part.images), link };
}

async function sectionPart(
  section: DigestSection,
  data: DigestData,
  locale: Locale,
  f: Formats,
): Promise<Part> {
  const title = t(locale, `section.${section}` as MessageKey);
  const body =
    section === 'executive'
      ? await executivePart(data.executive, data, locale, f)
      : section === 'change_manager'
        ? changePart(data.changeManager, locale, f)
        : maintainerPart(data.connectorMaintainer, locale, f);
  return {
    text: [title.toUpperCase(), ...body.text],
    html: [htmlHeading(title, 2), ...body.html],
    images: body.images,
  };
}

function withheld(locale: Locale, data: DigestData): string {
  return t(locale, 'digest.withheld', { k: data.organisation.minGroupSize });
}

async function executivePart(
  part: ExecutiveDigest | undefined,
  data: DigestData,
  locale: Locale,
  f: Formats,
): Promise<Part> {
  const out: Part = { text: [], html: [], images: [] };
  if (!part) return none(out, locale);
  const last = part.weeklyActive.at(-1);
  if (last) {
    const label = t(locale, 'executive.weeklyActive', { week: f.day(last.week) });
    const value = last.share === null ? withheld(locale, data) : f.percent(last.share);
    const target =
      part.target === null ? '' : ` (${t(locale, 'executive.target')}: ${f.percent(part.target)})`;
    out.text.push(`${label}: ${value}${target}`);
    out.html.push(htmlParagraph(`${label}: ${value}${target}`));
    const image = await weeklyActiveChart(part, locale, f);
    out.images.push(image);
    out.html.push(
      `<img src="cid:${image.cid}" width="600" height="240" alt="${escapeHtml(t(locale, 'executive.chartAlt'))}" style="display:block;max-width:100%">`,
    );
  }
  if (part.goals.length > 0) {
    const rows = part.goals.slice(0, DIGEST_ROWS).map((goal) => {
      const value = (v: number | null) =>
        v === null
          ? withheld(locale, data)
          : GOAL_SHARE_KPIS.has(goal.kpi)
            ? f.percent(v)
            : `${f.number(v)} ${goal.unit}`.trim();
      return [
        goal.name,
        value(goal.current),
        value(goal.target),
        t(locale, `goal.${goal.status}` as MessageKey),
      ];
    });
    const headers = ['executive.goal', 'executive.current', 'executive.target', 'executive.status'] as const;
    table(
      out,
      t(locale, 'executive.goals'),
      headers.map((h) => t(locale, h)),
      rows,
    );
  }
  if (part.plans.length > 0) {
    const rows = part.plans
      .slice(0, DIGEST_ROWS)
      .map((p) => [
        p.plan,
        p.phase ?? '–',
        t(locale, p.gate ? (`gate.${p.gate}` as MessageKey) : 'gate.none'),
      ]);
    const headers = ['executive.plan', 'executive.phase', 'executive.gate'] as const;
    table(
      out,
      t(locale, 'executive.plans'),
      headers.map((h) => t(locale, h)),
      rows,
    );
  }
  return out;
}

function changePart(part: ChangeManagerDigest | undefined, locale: Locale, f: Formats): Part {
  const out: Part = { text: [], html: [], images: [] };
  if (!part) return none(out, locale);
  const gate = (status: string | null) => t(locale, status ? (`gate.${status}` as MessageKey) : 'gate.none');
  list(out, t(locale, 'change.gateChanges'), [
    ...part.gateChanges.map((c) =>
      t(locale, 'change.gateChange', { plan: c.plan, phase: c.phase, from: gate(c.from), to: gate(c.to) }),
    ),
    ...part.transitions.map((c) =>
      t(locale, 'change.transition', { plan: c.plan, from: c.from ?? '–', to: c.to ?? '–' }),
    ),
  ]);
  list(
    out,
    t(locale, 'change.atRisk'),
    part.atRisk.map((c) =>
      t(locale, 'change.criterion', {
        plan: c.plan,
        phase: c.phase,
        metric: c.metric,
        value: c.value === null ? '–' : f.number(c.value),
        operator: c.operator,
        threshold: f.number(c.threshold),
      }),
    ),
  );
  list(
    out,
    t(locale, 'change.unanswered'),
    part.unanswered.map((u) =>
      t(locale, 'change.unansweredRow', {
        unit: u.unit,
        share: f.percent(u.share),
        count: f.number(u.firstPosts),
      }),
    ),
  );
  list(
    out,
    t(locale, 'change.communities'),
    part.communities.map((c) =>
      t(locale, 'change.communityRow', {
        community: c.name,
        growth: `${c.growthPerWeek > 0 ? '+' : ''}${f.percent(c.growthPerWeek)}`,
      }),
    ),
  );
  return out.text.length > 0 ? out : none(out, locale);
}

function maintainerPart(part: MaintainerDigest | undefined, locale: Locale, f: Formats): Part {
  const out: Part = { text: [], html: [], images: [] };
  if (!part) return none(out, locale);
  list(
    out,
    t(locale, 'maintainer.failed'),
    part.failed.map((s) => t(locale, 'maintainer.failedRow', { source: s.source, count: f.number(s.count) })),
  );
  list(
    out,
    t(locale, 'maintainer.stale'),
    part.stale.map((s) =>
      t(locale, 'maintainer.staleRow', {
        source: s.source,
        when: s.lastSuccessAt ? f.instant(s.lastSuccessAt) : t(locale, 'maintainer.never'),
      }),
    ),
  );
  list(
    out,
    t(locale, 'maintainer.quarantine'),
    part.quarantine.map((s) =>
      t(locale, 'maintainer.quarantineRow', {
        source: s.source,
        count: f.number(s.count),
        before: f.number(s.before),
      }),
    ),
  );
  return out.text.length > 0 ? out : none(out, locale);
}

function none(out: Part, locale: Locale): Part {
  out.text.push(t(locale, 'digest.none'));
  out.html.push(htmlParagraph(t(locale, 'digest.none')));
  return out;
}

/** A titled list; nothing at all when there are no items (an empty heading says nothing). */
function list(out: Part, title: string, items: string[]): void {
  if (items.length === 0) return;
  const shown = items.slice(0, DIGEST_ROWS);
  out.text.push(`${title}:`, ...shown.map((item) => `- ${item}`));
  out.html.push(htmlHeading(title, 3), htmlList(shown));
}

function table(out: Part, title: string, headers: string[], rows: string[][]): void {
  out.text.push(`${title}:`, ...rows.map((row) => `- ${row.join(' | ')}`));
  out.html.push(htmlHeading(title, 3), htmlTable(headers, rows));
}

/** The weekly active share over 12 weeks against the target, as an inline PNG. */
async function weeklyActiveChart(part: ExecutiveDigest, locale: Locale, f: Formats): Promise<MailImage> {
  const { CHART_COLOURS, renderChartPng } = await import('@uptake/render');
  const weeks = part.weeklyActive.map((w) => f.day(w.week).replace(/ \d{4}$/, ''));
  const series: object[] = [
    {
      type: 'line',
      name: t(locale, 'kpi.weekly_active_rate'),
      data: part.weeklyActive.map((w) => (w.share === null ? null : Math.round(w.share * 1000) / 10)),
      lineStyle: { width: 3 },
      symbolSize: 6,
    },
  ];
  const target = part.target;
  if (target !== null) {
    series.push({
      type: 'line',
      name: t(locale, 'executive.target'),
      data: weeks.map(() => Math.round(target * 1000) / 10),
      lineStyle: { type: 'dashed', color: CHART_COLOURS.good },
      itemStyle: { color: CHART_COLOURS.good },
      symbol: 'none',
    });
  }
  const content = renderChartPng(
    {
      title: { text: t(locale, 'executive.chartTitle'), textStyle: { fontSize: 14 } },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 48 },
      xAxis: { type: 'category', data: weeks },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series,
    },
    { width: 600, height: 240 },
  );
  return { cid: 'weekly-active@uptake', filename: 'weekly-active.png', contentType: 'image/png', content };
}
