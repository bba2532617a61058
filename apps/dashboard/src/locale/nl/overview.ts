/** Dutch texts of app/overview: the executive overview. */
export const NL_OVERVIEW: Record<string, string> = {
  'overview.executiveOverview': 'Overzicht voor de directie',
  'overview.subtitle':
    '{$INTERPOLATION} · {$INTERPOLATION_1} personen · cijfers over minder dan {$INTERPOLATION_2} personen zijn ' +
    'verborgen {$START_BLOCK_IF}{$START_TAG_SPAN}· aantallen wijken tot ±2 personen af ter bescherming van de ' +
    'privacy{$CLOSE_TAG_SPAN}{$CLOSE_BLOCK_IF}',
  'overview.adoptionWeek': 'Adoptie deze week',
  'overview.loadingAdoption': 'Adoptie laden…',
  'overview.headline.week':
    'Week {$INTERPOLATION} – {$INTERPOLATION_1} {$START_BLOCK_IF} · verandering sinds de week van ' +
    '{$INTERPOLATION_2} {$CLOSE_BLOCK_IF}{$START_BLOCK_ELSE} · te korte periode om met 4 weken eerder te ' +
    'vergelijken {$CLOSE_BLOCK_ELSE}',
  'overview.headline.hidden': 'verborgen (minder dan {$INTERPOLATION} personen)',
  'overview.vsWeeksEarlier': 'ten opzichte van 4 weken eerder',
  'overview.noCompleteWeekRange': 'Geen volledige week in deze periode.',
  'overview.adoptionVsTarget': 'Adoptie ten opzichte van het doel',
  'overview.shareEligiblePeopleEver':
    'Aandeel van de doelgroep dat ooit actief was en dat de laatste 7 dagen actief was, per week ' +
    '{$START_BLOCK_IF} · gestreept: doelen en deadlines {$CLOSE_BLOCK_IF}{$START_BLOCK_ELSE} · geen adoptie- of ' +
    'wekelijks-actiefdoel voor deze populatie {$CLOSE_BLOCK_ELSE}',
  'overview.loadingAdoption2': 'Adoptie laden…',
  'overview.weeklyAdoptionWeeklyLabel': 'Wekelijkse adoptie en wekelijks actieven afgezet tegen de doelen',
  'overview.noWeeksDrawRange': 'Geen weken om te tekenen in deze periode.',
  'overview.businessGoals': 'Bedrijfsdoelen',
  'overview.eachGoalSOwn': 'De eigen populatie van elk doel, laatste 12 weken',
  'overview.estimatedAnnualValue': 'Geschatte jaarlijkse waarde',
  'overview.annualHoursSaved': '{$INTERPOLATION} bespaard',
  'overview.loadingGoals': 'Doelen laden…',
  'overview.noBusinessGoalsYet':
    'Nog geen bedrijfsdoelen. Een beheerder of changemanager kan ze instellen (adoptie, wekelijks actief, …) ' +
    'met een doel en een deadline.',
  'overview.noValueHiddenOrg':
    'geen waarde: verborgen (minder dan {$INTERPOLATION} personen) of geen volledige week',
  'overview.goal.progress':
    '{$START_BLOCK_IF} {$INTERPOLATION}% van de weg · {$CLOSE_BLOCK_IF}{$START_BLOCK_IF_1}{$START_TAG_SPAN}' +
    'doel verwacht op {$INTERPOLATION_1}{$CLOSE_TAG_SPAN}{$CLOSE_BLOCK_IF}{$START_BLOCK_ELSE} geen verwachte ' +
    'datum {$CLOSE_BLOCK_ELSE}{$START_BLOCK_IF_2} · deadline {$INTERPOLATION_2} {$CLOSE_BLOCK_IF}' +
    '{$START_BLOCK_IF_3} · waarde {$INTERPOLATION_3} {$CLOSE_BLOCK_IF}',
  'overview.rollout':
    'Uitrol {$START_BLOCK_IF} · {$START_TAG_SPAN}{$INTERPOLATION}{$CLOSE_TAG_SPAN} · ' +
    '{$START_TAG_SPAN_1}{$INTERPOLATION_1}{$CLOSE_TAG_SPAN}{$CLOSE_BLOCK_IF}',
  'overview.loadingRolloutPlan': 'Het uitrolplan laden…',
  'overview.rolloutDates':
    '{$INTERPOLATION} – {$INTERPOLATION_1} {$START_BLOCK_IF} · de verticale lijn is vandaag {$CLOSE_BLOCK_IF}',
  'overview.noRolloutPlanYet': 'Nog geen uitrolplan.',
  'overview.dailyActivePeople': 'Dagelijks actieve personen',
  'overview.wholeOrganisation':
    'Hele organisatie {$START_BLOCK_IF} (deze grafiek volgt de filters op organisatie-eenheid en groep niet) ' +
    '{$CLOSE_BLOCK_IF} · dagen met minder dan {$INTERPOLATION} actieve personen zijn verborgen',
  'overview.loadingActivity': 'Activiteit laden…',
  'overview.noActivityShowPeriod': 'Geen activiteit om te tonen in deze periode.',
  'overview.peakActivePeople': 'Piek actieve personen',
  'overview.averagePerDayShown': 'Gemiddeld per getoonde dag',
  'overview.events': 'Gebeurtenissen',
  'overview.dailyActivePeopleLabel': 'Dagelijks actieve personen en gebeurtenissen',
  'overview.goal.progressLabel': '{$goal}: voortgang van nulmeting naar doel',
  'overview.goal.sparklineLabel': '{$goal}: weekwaarden over de laatste 12 weken',
  'overview.chart.adoptionRate': 'Adoptiegraad',
  'overview.chart.weeklyActiveRate': 'Wekelijks actief',
  'overview.chart.target': 'Doel {$target}',
  'overview.chart.deadlineName': '{$goal}: deadline',
  'overview.chart.deadline': 'Deadline {$day}',
  'overview.cardError.forbidden': 'Niet beschikbaar voor jouw rol ({$message})',
  'overview.chart.activePeople': 'Actieve personen',
  'overview.chart.events': 'Gebeurtenissen',
  'overview.chart.peopleAxis': 'personen',
  'overview.chart.eventsAxis': 'gebeurtenissen',
  'overview.goalStatus.achieved': 'Bereikt',
  'overview.goalStatus.onTrack': 'Op koers',
  'overview.goalStatus.atRisk': 'Risico',
  'overview.goalStatus.offTrack': 'Uit koers',
  'overview.goalStatus.noData': 'Geen gegevens',
  'overview.goal.hoursPerYear': '{$hours}/jaar',
  'overview.headline.eligible': 'Doelgroep',
  'overview.headline.activated': 'Geactiveerd (ooit actief)',
  'overview.headline.adoption': 'Adoptie',
  'overview.headline.weeklyActive': 'Wekelijks actieve personen',
  'overview.headline.stickiness': 'Stickiness (DAU / MAU)',
  'overview.headline.ofEligible': '{$share} van de doelgroep',
  'overview.goalsValued':
    '{VAR_PLURAL, plural, =1 {uit 1 doel met een waardemodel} other {uit {INTERPOLATION} doelen met een waardemodel}}',
  'overview.hiddenDays':
    '{VAR_PLURAL, plural, =1 {1 dag verborgen: minder dan {INTERPOLATION} personen actief.} other {{INTERPOLATION_1} dagen verborgen: minder dan {INTERPOLATION} personen actief.}}',
  'overview.planStatus.draft': 'concept',
  'overview.planStatus.active': 'loopt',
  'overview.planStatus.completed': 'afgerond',
  'overview.planStatus.archived': 'gearchiveerd',
  'overview.phaseStatus.planned': 'Gepland',
  'overview.phaseStatus.active': 'Bezig',
  'overview.phaseStatus.completed': 'Afgerond',
  'overview.phaseStatus.skipped': 'Overgeslagen',
  'overview.gate.pass': 'Gate gehaald',
  'overview.gate.atRisk': 'Gate in gevaar',
  'overview.gate.fail': 'Gate niet gehaald',
  'overview.gate.noData': 'Gate: geen gegevens',
  'overview.gate.none': 'Niet beoordeeld',
  'overview.gate.preview': 'Vooruitblik: {$verdict}',
  'overview.gate.preview.pass': 'gehaald',
  'overview.gate.preview.atRisk': 'in gevaar',
  'overview.gate.preview.fail': 'niet gehaald',
  'overview.gate.preview.noData': 'geen gegevens',
  'overview.dates.from': 'vanaf {$day}',
  'overview.dates.until': 'tot {$day}',
  'overview.dates.none': 'nog geen data',
};
