import { INTL_LOCALES, type Locale } from '@uptake/contracts';

/**
 * Every string of digests and alerts, in each language. English is the source; a missing Dutch string is a
 * type error here and a failing spec (catalogue.spec.ts), never an English word in a Dutch mail.
 * `{name}` placeholders are filled by `t()`.
 */
const en = {
  'digest.subject.weekly': 'Uptake weekly digest for {organisation}: week of {day}',
  'digest.subject.daily': 'Uptake daily digest for {organisation}: {day}',
  'digest.greeting': 'Your {frequency} digest for {organisation}, with figures up to {day}.',
  'digest.frequency.weekly': 'weekly',
  'digest.frequency.daily': 'daily',
  'digest.open': 'Open the dashboard',
  'digest.footer':
    'Only aggregates of at least {k} people are shown; smaller groups are withheld. Change or turn off this digest under Notifications in the dashboard.',
  'digest.withheld': 'withheld (fewer than {k} people)',
  'digest.none': 'Nothing to report.',
  'section.executive': 'Adoption and goals',
  'section.change_manager': 'Rollout and communities',
  'section.connector_maintainer': 'Data sources',
  'executive.weeklyActive': 'Weekly active people (share of eligible), week of {week}',
  'executive.target': 'Target',
  'executive.chartTitle': 'Weekly active share, last 12 weeks',
  'executive.chartAlt': 'Chart: weekly active share over the last 12 weeks against the target',
  'executive.goals': 'Business goals',
  'executive.goal': 'Goal',
  'executive.current': 'Current',
  'executive.status': 'Status',
  'executive.plans': 'Rollout phases and gates',
  'executive.plan': 'Plan',
  'executive.phase': 'Phase',
  'executive.gate': 'Gate',
  'goal.achieved': 'achieved',
  'goal.on-track': 'on track',
  'goal.at-risk': 'at risk',
  'goal.off-track': 'off track',
  'goal.no-data': 'no data',
  'gate.pass': 'pass',
  'gate.at-risk': 'at risk',
  'gate.fail': 'fail',
  'gate.no-data': 'no data',
  'gate.none': 'not evaluated yet',
  'change.gateChanges': 'Gate changes since the last digest',
  'change.gateChange': '{plan} – {phase}: {from} → {to}',
  'change.transition': '{plan}: moved from {from} to {to}',
  'change.atRisk': 'Criteria at risk',
  'change.criterion': '{plan} – {phase}: {metric} is {value} (needs {operator} {threshold})',
  'change.unanswered': 'Units where first posts go unanswered',
  'change.unansweredRow': '{unit}: {share} of {count} first posts answered within 24 hours',
  'change.communities': 'Communities that grew or faded (members per week, last 4 weeks)',
  'change.communityRow': '{community}: {growth} per week',
  'maintainer.failed': 'Failed runs',
  'maintainer.failedRow': '{source}: {count} failed runs',
  'maintainer.stale': 'Stale sources',
  'maintainer.staleRow': '{source}: last successful sync {when}',
  'maintainer.never': 'never',
  'maintainer.quarantine': 'Quarantine spikes',
  'maintainer.quarantineRow': '{source}: {count} records quarantined (before: {before})',
  'alert.gate.subject': 'Gate status changed: {plan} – {phase} is now {status}',
  'alert.gate.text': 'The gate of phase {phase} of plan {plan} changed from {from} to {to}.',
  'alert.transition.subject': 'Rollout moved on: {plan}',
  'alert.transition.text': 'Plan {plan} moved from phase {from} to {to} (gate: {status}).',
  'alert.stale.subject': 'Data source stale: {source}',
  'alert.stale.text': 'No successful sync of {source} since {when}.',
  'alert.failing.subject': 'Data source failing: {source}',
  'alert.failing.text': 'The last sync run of {source} failed. See its runs on the Sources page.',
  'alert.kpi.subject': '{kpi} is {direction} {threshold}: {value}',
  'alert.kpi.text':
    '{kpi} of {population} was {value} in the week of {week}, {direction} your threshold of {threshold}.',
  'alert.kpi.above': 'above',
  'alert.kpi.below': 'below',
  'alert.organisation': 'the whole organisation',
  'alert.population': 'the selected population',
  'alert.footer':
    'Alert rule "{rule}" of {organisation}. Mute or change it under Notifications in the dashboard.',
  'alert.test.subject': 'Test message from Uptake',
  'alert.test.text': 'This channel receives the alerts of {organisation}.',
  'kpi.weekly_active_rate': 'Weekly active share',
  'kpi.adoption_rate': 'Adoption rate',
  'kpi.contributor_share': 'Contributor share',
  'kpi.first_post_answered_24h': 'First posts answered within 24 h',
} as const;

export type MessageKey = keyof typeof en;

const nl: Record<MessageKey, string> = {
  'digest.subject.weekly': 'Uptake weekoverzicht voor {organisation}: week van {day}',
  'digest.subject.daily': 'Uptake dagoverzicht voor {organisation}: {day}',
  'digest.greeting': 'Uw {frequency} overzicht voor {organisation}, met cijfers tot en met {day}.',
  'digest.frequency.weekly': 'wekelijkse',
  'digest.frequency.daily': 'dagelijkse',
  'digest.open': 'Open het dashboard',
  'digest.footer':
    'Alleen totalen over minstens {k} mensen worden getoond; kleinere groepen worden weggelaten. Wijzig of stop dit overzicht onder Meldingen in het dashboard.',
  'digest.withheld': 'weggelaten (minder dan {k} mensen)',
  'digest.none': 'Niets te melden.',
  'section.executive': 'Adoptie en doelen',
  'section.change_manager': 'Uitrol en community’s',
  'section.connector_maintainer': 'Gegevensbronnen',
  'executive.weeklyActive': 'Wekelijks actieve mensen (aandeel van wie mee kan doen), week van {week}',
  'executive.target': 'Doel',
  'executive.chartTitle': 'Aandeel wekelijks actief, laatste 12 weken',
  'executive.chartAlt': 'Grafiek: aandeel wekelijks actief over de laatste 12 weken tegenover het doel',
  'executive.goals': 'Bedrijfsdoelen',
  'executive.goal': 'Doel',
  'executive.current': 'Nu',
  'executive.status': 'Status',
  'executive.plans': 'Uitrolfasen en poorten',
  'executive.plan': 'Plan',
  'executive.phase': 'Fase',
  'executive.gate': 'Poort',
  'goal.achieved': 'behaald',
  'goal.on-track': 'op koers',
  'goal.at-risk': 'in gevaar',
  'goal.off-track': 'uit koers',
  'goal.no-data': 'geen gegevens',
  'gate.pass': 'gehaald',
  'gate.at-risk': 'in gevaar',
  'gate.fail': 'niet gehaald',
  'gate.no-data': 'geen gegevens',
  'gate.none': 'nog niet beoordeeld',
  'change.gateChanges': 'Poortwijzigingen sinds het vorige overzicht',
  'change.gateChange': '{plan} – {phase}: {from} → {to}',
  'change.transition': '{plan}: van {from} naar {to}',
  'change.atRisk': 'Criteria in gevaar',
  'change.criterion': '{plan} – {phase}: {metric} is {value} (nodig: {operator} {threshold})',
  'change.unanswered': 'Eenheden waar eerste berichten onbeantwoord blijven',
  'change.unansweredRow': '{unit}: {share} van {count} eerste berichten binnen 24 uur beantwoord',
  'change.communities': 'Community’s die groeiden of krompen (leden per week, laatste 4 weken)',
  'change.communityRow': '{community}: {growth} per week',
  'maintainer.failed': 'Mislukte runs',
  'maintainer.failedRow': '{source}: {count} mislukte runs',
  'maintainer.stale': 'Verouderde bronnen',
  'maintainer.staleRow': '{source}: laatste geslaagde synchronisatie {when}',
  'maintainer.never': 'nooit',
  'maintainer.quarantine': 'Pieken in quarantaine',
  'maintainer.quarantineRow': '{source}: {count} records in quarantaine (daarvoor: {before})',
  'alert.gate.subject': 'Poortstatus gewijzigd: {plan} – {phase} is nu {status}',
  'alert.gate.text': 'De poort van fase {phase} van plan {plan} ging van {from} naar {to}.',
  'alert.transition.subject': 'Uitrol verder: {plan}',
  'alert.transition.text': 'Plan {plan} ging van fase {from} naar {to} (poort: {status}).',
  'alert.stale.subject': 'Gegevensbron verouderd: {source}',
  'alert.stale.text': 'Geen geslaagde synchronisatie van {source} sinds {when}.',
  'alert.failing.subject': 'Gegevensbron faalt: {source}',
  'alert.failing.text':
    'De laatste synchronisatie van {source} is mislukt. Zie de runs op de pagina Bronnen.',
  'alert.kpi.subject': '{kpi} is {direction} {threshold}: {value}',
  'alert.kpi.text':
    '{kpi} van {population} was {value} in de week van {week}, {direction} uw drempel van {threshold}.',
  'alert.kpi.above': 'boven',
  'alert.kpi.below': 'onder',
  'alert.organisation': 'de hele organisatie',
  'alert.population': 'de gekozen groep',
  'alert.footer':
    'Meldingsregel "{rule}" van {organisation}. Demp of wijzig die onder Meldingen in het dashboard.',
  'alert.test.subject': 'Testbericht van Uptake',
  'alert.test.text': 'Dit kanaal ontvangt de meldingen van {organisation}.',
  'kpi.weekly_active_rate': 'Aandeel wekelijks actief',
  'kpi.adoption_rate': 'Adoptiegraad',
  'kpi.contributor_share': 'Aandeel bijdragers',
  'kpi.first_post_answered_24h': 'Eerste berichten binnen 24 uur beantwoord',
};

export const CATALOGUE: Record<Locale, Record<MessageKey, string>> = { en, nl };

/** A message in `locale` with its placeholders filled (a placeholder without a value stays visible). */
export function t(locale: Locale, key: MessageKey, values: Record<string, string | number> = {}): string {
  return CATALOGUE[locale][key].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

/** Numbers and dates the way each language writes them (en-GB, nl-NL), instants in the organisation's zone. */
export class Formats {
  private readonly percentFormat: Intl.NumberFormat;
  private readonly numberFormat: Intl.NumberFormat;
  private readonly dayFormat: Intl.DateTimeFormat;
  private readonly instantFormat: Intl.DateTimeFormat;

  constructor(
    readonly locale: Locale,
    timeZone = 'UTC',
  ) {
    const intl = INTL_LOCALES[locale];
    this.percentFormat = new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: 1 });
    this.numberFormat = new Intl.NumberFormat(intl, { maximumFractionDigits: 1 });
    // A YYYY-MM-DD day is a calendar day, not an instant: formatted as midnight UTC, in UTC.
    this.dayFormat = new Intl.DateTimeFormat(intl, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    this.instantFormat = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  }

  percent(share: number): string {
    return this.percentFormat.format(share);
  }

  number(value: number): string {
    return this.numberFormat.format(value);
  }

  /** A YYYY-MM-DD day: "1 December 2026", "1 december 2026". */
  day(day: string): string {
    return this.dayFormat.format(new Date(`${day}T00:00:00Z`));
  }

  instant(at: Date): string {
    return this.instantFormat.format(at);
  }
}
