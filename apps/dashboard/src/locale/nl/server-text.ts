/**
 * Dutch texts of app/shared/server-text.ts: sentences the API writes in English (gate explanations, best-case
 * explanations, method notes), said again from their code and figures.
 */
export const NL_SERVER_TEXT: Record<string, string> = {
  'server.gate.noCompleteWeek': '{$criterion}: nog geen volledige week met gegevens.',
  'server.gate.latestWeekWithheld': '{$criterion}: de laatste week is verborgen (minder dan {$k} personen).',
  'server.gate.latestWeekNotMeasured': '{$criterion}: niets gemeten in de laatste week.',
  'server.gate.heldOneWeek': '{$criterion}: {$value} in de week van {$week}, 1 week gehaald.',
  'server.gate.held': '{$criterion}: {$value} in de week van {$week}, {$weeks} weken op rij gehaald.',
  'server.gate.holding':
    '{$criterion}: {$weeksMet} van {$weeks} weken gehaald (nu {$value}); gehaald op {$passesOn} als het zo blijft.',
  'server.gate.fit.bass': 'adoptiecurve',
  'server.gate.fit.trend': 'trend',
  'server.gate.forecast':
    '{$criterion}: {$value} in de week van {$week}; naar verwachting gehaald vanaf {$forecastDate} ({$fit}).',
  'server.gate.forecastLate':
    '{$criterion}: {$value} in de week van {$week}; naar verwachting gehaald vanaf {$forecastDate} ({$fit}), ' +
    'na het geplande einde op {$plannedEnd}.',
  'server.gate.notForecast':
    '{$criterion}: {$value} in de week van {$week}; bij de huidige trend naar verwachting niet gehaald.',
  'server.gate.effect.tooFewPeople': 'te weinig personen in de fase of de vergelijkingsgroep',
  'server.gate.effect.emptyWindow': 'geen volledige week met gegevens voor of na de start',
  'server.gate.effect.notEstimable': 'niet te schatten',
  'server.gate.effect.noEstimate': '{$criterion}: nog geen schatting ({$reason}).',
  'server.gate.effect.interval': '{$estimate} (95%-interval {$low} tot {$high})',
  'server.gate.effect.met': '{$criterion}: {$interval}.',
  'server.gate.effect.includesNoEffect': '{$criterion}: {$interval}; het interval bevat nog ‘geen effect’.',
  'server.gate.effect.notRuledOut':
    '{$criterion}: {$interval}; de schatting haalt het niet, maar het interval sluit het niet uit.',
  'server.gate.effect.ruledOut': '{$criterion}: {$interval}; het interval sluit het uit.',

  'server.bestCase.noFigure': '{$criterion}: geen cijfer (te weinig threads of personen), telt als 0',
  'server.bestCase.noOrganisationFigure':
    '{$criterion}: {$value}, geen cijfer van de organisatie om mee te vergelijken, telt als 0',
  'server.bestCase.healthIndex':
    '{$value} van de personen van de afgelopen 12 maanden was actief in de afgelopen 28 dagen, tegen ' +
    '{$organisation} in de organisatie',
  'server.bestCase.replyCoverage':
    'beantwoordt {$value} van de threads binnen 7 dagen, tegen {$organisation} in de organisatie',
  'server.bestCase.medianHoursToFirstReply':
    'eerste reactie na {$value} (mediaan), tegen {$organisation} in de organisatie',
  'server.bestCase.crossDepartmentShare':
    '{$value} van de eerste reacties komt uit een andere afdeling, tegen {$organisation} in de organisatie',
  'server.bestCase.growth':
    'actieve personen {$value} in de afgelopen 4 weken, tegen {$organisation} in de organisatie',

  'server.method.bestCases':
    'Elke kandidaat (een community, of een organisatie-eenheid met de activiteit van alles eronder) met ' +
    'minstens k actieve personen wordt op vijf criteria met de organisatie vergeleken: gezondheidsindex ' +
    '(actief in de laatste 28 dagen / actief in 12 maanden), antwoorddekking (threads die binnen 7 dagen ' +
    'door iemand anders zijn beantwoord), mediaan aantal uren tot de eerste reactie (lager is beter), het ' +
    'aandeel eerste reacties uit een andere afdeling, en de groei van het aantal actieve personen in de ' +
    'laatste 4 weken. De score van een criterium is (kandidaat − organisatie) / spreiding; de spreiding is ' +
    'de standaardafwijking van dat criterium over de kandidaten van dezelfde soort, minstens 5 ' +
    'procentpunt (4 uur voor de reactietijd); voor de reactietijd is het teken omgedraaid. Een ontbrekende ' +
    'of verborgen waarde scoort 0. De score van de kandidaat is het gemiddelde van zijn vijf ' +
    'criteriumscores; kandidaten worden daarop gerangschikt (bij gelijke stand op naam). Community’s ' +
    'worden vergeleken met alle community’s samen (personen en threads over de community’s opgeteld), ' +
    'organisatie-eenheden met de hele populatie (al haar activiteit en threads, in welke groep ook of in ' +
    'geen).',
  'server.method.bootstrap': 'clusterbootstrap op persoonsniveau, verbreed percentielinterval',
};
