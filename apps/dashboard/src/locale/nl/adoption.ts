/** Dutch texts of app/adoption: the adoption analytics page and its sections. */
export const NL_ADOPTION: Record<string, string> = {
  'adoption.adoptionAnalytics': 'Adoptieanalyse',
  'adoption.subtitle':
    '{$INTERPOLATION} · cijfers over minder dan {$INTERPOLATION_1} personen zijn verborgen ' +
    '{$START_BLOCK_IF}{$START_TAG_SPAN}· aantallen wijken tot ±2 personen af ter bescherming van de privacy' +
    '{$CLOSE_TAG_SPAN}{$CLOSE_BLOCK_IF}',
  'adoption.periods': 'Perioden',
  'adoption.loadingLifecyclePersonasKnowledge': 'Levenscyclus, persona’s en kennisstroom laden…',
  'adoption.diffusion.diffusion': 'Verspreiding',
  'adoption.diffusion.whenEligiblePeopleFirst':
    'Wanneer de doelgroep het platform voor het eerst gebruikte, in de adoptiecategorieën van Rogers, en het ' +
    'Bass-model op de cumulatieve adoptanten gefit om een doel te voorspellen.',
  'adoption.diffusion.targetAdoption': 'Adoptiedoel',
  'adoption.diffusion.targetOption': '{$INTERPOLATION}% van de doelgroep',
  'adoption.diffusion.suppressed':
    'Minder dan {$INTERPOLATION} adoptanten of personen in de doelgroep: de verspreidingscijfers zijn verborgen.',
  'adoption.diffusion.adopters': 'Adoptanten',
  'adoption.diffusion.ofEligible': 'van {$INTERPOLATION} in de doelgroep',
  'adoption.diffusion.marketPotentialM': 'Marktpotentieel (m)',
  'adoption.diffusion.bassCoefficients': 'p = {$INTERPOLATION} · q = {$INTERPOLATION_1} per week',
  'adoption.diffusion.fitQualityR': 'Fitkwaliteit (R²)',
  'adoption.diffusion.cumulativeAdoptersFittedLabel':
    'Cumulatieve adoptanten met de gefitte Bass-curve en de voorspelling',
  'adoption.diffusion.shareAdoptersPerLabel':
    'Aandeel adoptanten per categorie van Rogers, werkelijk en ideaal',
  'adoption.diffusion.hiddenCategories':
    '{VAR_PLURAL, plural, =1 {1 categorie is verborgen (< {INTERPOLATION} personen): er is geen balk voor ' +
    'getekend.} other {{INTERPOLATION_1} categorieën zijn verborgen (< {INTERPOLATION} personen): er zijn geen ' +
    'balken voor getekend.}}',
  'adoption.diffusion.loadingDiffusion': 'Verspreiding laden…',
  'adoption.engagement.engagement': 'Betrokkenheid',
  'adoption.engagement.contributionsPerActivePerson':
    'Bijdragen per actieve persoon, en of gesprekken een reactie van iemand anders krijgen.',
  'adoption.engagement.nobodyWasActivePeriod': 'Niemand was actief in deze periode.',
  'adoption.engagement.postsPerActivePerson': 'Berichten per actieve persoon',
  'adoption.engagement.periodDetail': 'periode vanaf {$INTERPOLATION} · {$INTERPOLATION_1} actief',
  'adoption.engagement.repliesPerActivePerson': 'Reacties per actieve persoon',
  'adoption.engagement.reactionsPerActivePerson': 'Reacties met emoji per actieve persoon',
  'adoption.engagement.threadsResponse': 'Gesprekken met een reactie',
  'adoption.engagement.ofThreads': 'van {$INTERPOLATION} gesprekken',
  'adoption.engagement.medianTimeFirstResponse': 'Mediane tijd tot eerste reactie',
  'adoption.engagement.everyPeriodHiddenFewer':
    'Elke periode is verborgen: minder dan {$INTERPOLATION} personen actief.',
  'adoption.engagement.postsRepliesReactionsLabel':
    'Berichten, reacties en emoji-reacties per actieve persoon',
  'adoption.engagement.threadsResponseMedianLabel':
    'Gesprekken met een reactie en mediane uren tot de eerste reactie',
  'adoption.engagement.loadingEngagement': 'Betrokkenheid laden…',
  'adoption.firstPost.foundNobodyStopped': 'Niemand gevonden, gestopt',
  'adoption.firstPost.newcomersWhoseFirstPost':
    'Nieuwkomers van wie het eerste bericht binnen 24 uur door iemand anders werd beantwoord, tegenover ' +
    'nieuwkomers bij wie dat niet gebeurde: hoeveel er 4 en 8 weken later nog actief waren (met ' +
    '95%-intervallen). Het aandeel eerste berichten dat op tijd wordt beantwoord, is de voorlopende indicator.',
  'adoption.firstPost.someFiguresRestFewer':
    'Sommige cijfers rusten op minder dan {$INTERPOLATION} personen en zijn verborgen.',
  'adoption.firstPost.nobodyPostedFirstTime': 'Niemand plaatste in deze periode voor het eerst een bericht.',
  'adoption.firstPost.firstPostsAnsweredWithin': 'Eerste berichten beantwoord binnen 24 uur',
  'adoption.firstPost.answeredSplit': '{$INTERPOLATION} beantwoord · {$INTERPOLATION_1} niet beantwoord',
  'adoption.firstPost.retentionGapAfterD': 'Verschil in retentie na {$INTERPOLATION} weken',
  'adoption.firstPost.retentionAfterWeeksLabel':
    'Retentie na 4 en 8 weken van nieuwkomers van wie het eerste bericht wel of niet werd beantwoord, met ' +
    '95%-intervallen',
  'adoption.firstPost.newcomers': 'Nieuwkomers',
  'adoption.firstPost.stillActive': 'Nog actief',
  'adoption.firstPost.leadingIndicator': 'Voorlopende indicator',
  'adoption.firstPost.shareFirstPostsLabel': 'Aandeel eerste berichten beantwoord binnen 24 uur, per week',
  'adoption.firstPost.firstPosts': 'Eerste berichten',
  'adoption.firstPost.answeredWithinH': 'Beantwoord binnen 24 uur',
  'adoption.firstPost.loadingFirstPosts': 'Eerste berichten laden…',
  'adoption.knowledgeFlow.knowledgeFlow': 'Kennisstroom',
  'adoption.knowledgeFlow.whichUnitsAnswerWhich':
    'Welke eenheden de gesprekken van welke eenheden beantwoorden: de eerste reactie van iemand anders koppelt ' +
    'de eenheid van wie reageert aan die van de auteur. Eenheden die veel meer antwoorden dan vragen, hebben ' +
    'verborgen expertise.',
  'adoption.knowledgeFlow.someFiguresRestFewer':
    'Sommige cijfers rusten op minder dan {$INTERPOLATION} personen en zijn verborgen.',
  'adoption.knowledgeFlow.noThreadPeriodWas':
    'Geen gesprek uit deze periode werd beantwoord door iemand anders dan de auteur.',
  'adoption.knowledgeFlow.threadsAnswered': 'Beantwoorde gesprekken',
  'adoption.knowledgeFlow.firstAnsweredSomeoneElse': 'eerst beantwoord door iemand anders',
  'adoption.knowledgeFlow.acrossDepartments': 'Tussen afdelingen',
  'adoption.knowledgeFlow.answeredAnotherDepartment': 'beantwoord door een andere afdeling',
  'adoption.knowledgeFlow.acrossLegacyCompanies': 'Tussen voormalige bedrijven',
  'adoption.knowledgeFlow.answeredAnotherLegacyCompany': 'beantwoord door een ander voormalig bedrijf',
  'adoption.knowledgeFlow.hiddenExpertise': 'Verborgen expertise',
  'adoption.knowledgeFlow.noExperts': 'geen eenheid antwoordt twee keer zo veel als ze vraagt',
  'adoption.knowledgeFlow.rowsUnitWhosePeople':
    'Rijen: de eenheid waarvan de mensen de gesprekken begonnen · kolommen: de eenheid waarvan de mensen als ' +
    'eerste antwoordden · ★ verborgen expertise.',
  'adoption.knowledgeFlow.threadsEachUnitLabel':
    'Gesprekken van elke eenheid (rijen) die als eerste werden beantwoord door elke eenheid (kolommen); ' +
    'eenheden met een ster hebben verborgen expertise',
  'adoption.knowledgeFlow.hiddenCells':
    '{VAR_PLURAL, plural, =1 {1 cel wordt niet getoond: een kant heeft minder dan {INTERPOLATION} personen.} ' +
    'other {{INTERPOLATION_1} cellen worden niet getoond: een kant heeft minder dan {INTERPOLATION} personen.}}',
  'adoption.knowledgeFlow.unit': 'Eenheid',
  'adoption.knowledgeFlow.threadsStarted': 'Gesprekken begonnen',
  'adoption.knowledgeFlow.answersOthers': 'Antwoorden aan anderen',
  'adoption.knowledgeFlow.answeredOthers': 'Beantwoord door anderen',
  'adoption.knowledgeFlow.answersPerThread': 'Antwoorden per gesprek',
  'adoption.knowledgeFlow.hiddenExpertise2': 'verborgen expertise',
  'adoption.knowledgeFlow.shareAnsweredThreadsLabel':
    'Aandeel beantwoorde gesprekken over afdelingen en voormalige bedrijven heen, per maand',
  'adoption.knowledgeFlow.leadershipHierarchyLevel': 'Leiderschap per hiërarchisch niveau',
  'adoption.knowledgeFlow.noHierarchyLevelsAre':
    'Voor deze populatie zijn geen hiërarchische niveaus bekend.',
  'adoption.knowledgeFlow.level': 'Niveau',
  'adoption.knowledgeFlow.people': 'Personen',
  'adoption.knowledgeFlow.active': 'Actief',
  'adoption.knowledgeFlow.postsPerson': 'Berichten / persoon',
  'adoption.knowledgeFlow.repliesPerson': 'Reacties / persoon',
  'adoption.knowledgeFlow.staff': 'Aan medewerkers',
  'adoption.knowledgeFlow.leaders': 'Aan leidinggevenden',
  'adoption.knowledgeFlow.reachActive': 'Bereik / actief',
  'adoption.knowledgeFlow.repliesStaffLeadersAre':
    'Reacties aan medewerkers en aan leidinggevenden zijn reacties op personen van een lager of hoger niveau, ' +
    'per persoon van het niveau: verticale communicatie in beide richtingen.',
  'adoption.knowledgeFlow.loadingKnowledgeFlow': 'Kennisstroom laden…',
  'adoption.lifecycle.lifecycle': 'Levenscyclus',
  'adoption.lifecycle.eachWeekSActive':
    'De actieve personen van elke week: nieuw (voor het eerst ooit), behouden (ook de week ervoor actief) en ' +
    'teruggekeerd (terug na een pauze) boven de lijn, slapend (de week ervoor actief, deze week niet) eronder, ' +
    'en de nettoverandering van het aantal actieve personen.',
  'adoption.lifecycle.someWeeklyFiguresRest':
    'Sommige weekcijfers rusten op minder dan {$INTERPOLATION} personen en zijn verborgen.',
  'adoption.lifecycle.nobodyWasActivePeriod': 'Niemand was actief in deze periode.',
  'adoption.lifecycle.activePeople': 'Actieve personen',
  'adoption.lifecycle.weekOf': 'week van {$INTERPOLATION}',
  'adoption.lifecycle.netChange': 'Nettoverandering',
  'adoption.lifecycle.againstWeekBefore': 'ten opzichte van de week ervoor',
  'adoption.lifecycle.new': 'Nieuw',
  'adoption.lifecycle.reactivated': 'Teruggekeerd',
  'adoption.lifecycle.dormant': 'Slapend',
  'adoption.lifecycle.weeklyNewRetainedLabel':
    'Wekelijks nieuwe, behouden, teruggekeerde en slapende personen met de nettoverandering van actieve personen',
  'adoption.lifecycle.loadingLifecycle': 'Levenscyclus laden…',
  'adoption.network.network': 'Netwerk',
  'adoption.network.interactionsRepliesMentionsReactions':
    'Interacties (reacties, vermeldingen, emoji-reacties) tussen personen, samengevoegd per organisatie-eenheid.',
  'adoption.network.someFiguresRestFewer':
    'Sommige cijfers rusten op minder dan {$INTERPOLATION} personen en zijn verborgen.',
  'adoption.network.noInteractionsBetweenPeople': 'Geen interacties tussen personen in deze periode.',
  'adoption.network.crossingDetail': '{$INTERPOLATION} · {$INTERPOLATION_1} interacties',
  'adoption.network.peopleInteracting': 'Personen met interacties',
  'adoption.network.orgUnitsSizedLabel':
    'Organisatie-eenheden op grootte naar personen, verbonden door de interacties tussen hen',
  'adoption.network.unit': 'Eenheid',
  'adoption.network.people': 'Personen',
  'adoption.network.inside': 'Binnen',
  'adoption.network.out': 'Uit',
  'adoption.network.in': 'In',
  'adoption.network.champions': 'Champions',
  'adoption.network.hiddenLinks':
    '{VAR_PLURAL, plural, =1 {1 verbinding is niet getekend: een kant heeft minder dan {INTERPOLATION} ' +
    'personen.} other {{INTERPOLATION_1} verbindingen zijn niet getekend: een kant heeft minder dan ' +
    '{INTERPOLATION} personen.}}',
  'adoption.network.brokersChampions': 'Verbinders en champions',
  'adoption.network.personLevelRolesAre': 'Rollen van personen zijn alleen zichtbaar voor beheerders.',
  'adoption.network.brokersPeopleBridgingOtherwise':
    'Verbinders: personen die anders gescheiden groepen verbinden',
  'adoption.network.pseudonym': 'Pseudoniem',
  'adoption.network.unit2': 'Eenheid',
  'adoption.network.betweenness': 'Betweenness',
  'adoption.network.partners': 'Partners',
  'adoption.network.noBrokersPeriod': 'Geen verbinders in deze periode.',
  'adoption.network.betweennessEstimated':
    'Geschat uit de kortste paden van {$INTERPOLATION} van {$INTERPOLATION_1} personen: het netwerk is te groot ' +
    'om binnen de tijdsgrens elk pad te tellen.',
  'adoption.network.championsEarlyAdoptersWidest': 'Champions: vroege adoptanten met het grootste bereik',
  'adoption.network.pseudonym2': 'Pseudoniem',
  'adoption.network.unit3': 'Eenheid',
  'adoption.network.adopted': 'Geadopteerd',
  'adoption.network.reach': 'Bereik',
  'adoption.network.noChampionsPeriod': 'Geen champions in deze periode.',
  'adoption.network.loadingBrokersChampions': 'Verbinders en champions laden…',
  'adoption.network.loadingNetwork': 'Netwerk laden…',
  'adoption.participation.participation': 'Deelname',
  'adoption.participation.eligiblePeoplePerPeriod':
    'De doelgroep per periode als makers (beginnen gesprekken), bijdragers (reageren), lezers en inactieven, ' +
    'afgezet tegen de 90-9-1-vuistregel.',
  'adoption.participation.someFiguresRestFewer':
    'Sommige cijfers rusten op minder dan {$INTERPOLATION} personen en zijn verborgen.',
  'adoption.participation.nobodyWasActivePeriod': 'Niemand was actief in deze periode.',
  'adoption.participation.creators': 'Makers (90-9-1: 1%)',
  'adoption.participation.weekOf': 'week van {$INTERPOLATION}',
  'adoption.participation.contributors': 'Bijdragers (90-9-1: 9%)',
  'adoption.participation.readersInactive': 'Lezers en inactieven (90-9-1: 90%)',
  'adoption.participation.activityFromTop': 'Activiteit van de top 1%',
  'adoption.participation.ofActivePeople': 'van {$INTERPOLATION} actieve personen',
  'adoption.participation.activityFromTop2': 'Activiteit van de top 10%',
  'adoption.participation.creatorsContributorsReadersLabel':
    'Makers, bijdragers, lezers en inactieven per periode',
  'adoption.participation.peoplePerPersonaLabel': 'Personen per persona over de periode',
  'adoption.participation.notDonutHiddenK':
    'Niet in de donut, verborgen (< {$INTERPOLATION} personen): {$INTERPOLATION_1}.',
  'adoption.participation.loadingParticipation': 'Deelname laden…',
  'adoption.personas.personasHabits': 'Persona’s en gewoonten',
  'adoption.personas.activePeopleWhatThey':
    'Actieve personen naar wat ze geven en ontvangen in de periode (de eerste passende regel beslist), in het ' +
    'geheel en per eenheid, en hoeveel er een gewoonte van het platform hebben gemaakt.',
  'adoption.personas.someFiguresRestFewer':
    'Sommige cijfers rusten op minder dan {$INTERPOLATION} personen en zijn verborgen.',
  'adoption.personas.nobodyWasActivePeriod': 'Niemand was actief in deze periode.',
  'adoption.personas.hiddenOverallFewerThan':
    'Verborgen in het geheel (minder dan {$INTERPOLATION} personen, of af te leiden uit een verborgen cijfer): ' +
    '{$INTERPOLATION_1}.',
  'adoption.personas.shareActivePeopleLabel':
    'Aandeel actieve personen per gedragspersona, in het geheel en per eenheid',
  'adoption.personas.habits': 'Gewoonten',
  'adoption.personas.habitual': 'Vaste gebruikers',
  'adoption.personas.activeLeastLastComplete': 'actief in minstens 9 van de laatste 12 volledige weken',
  'adoption.personas.powerUsers': 'Powerusers',
  'adoption.personas.leastMedianActivePerson': 'minstens 3× de activiteit van de mediane actieve persoon',
  'adoption.personas.activePeople': 'Actieve personen',
  'adoption.personas.baseShares': 'de basis van de aandelen',
  'adoption.personas.loadingPersonas': 'Persona’s laden…',
  'adoption.retention.retention': 'Retentie',
  'adoption.retention.weeklyCohortsFirstActivity':
    'Wekelijkse cohorten naar eerste activiteit: het aandeel van elk cohort dat n weken later nog actief is. ' +
    '"Geprobeerd en gestopt": geactiveerd, daarna stil gedurende de laatste {$INTERPOLATION} weken.',
  'adoption.retention.someFiguresRestFewer':
    'Sommige cijfers rusten op minder dan {$INTERPOLATION} personen en zijn verborgen.',
  'adoption.retention.nobodyStartedUsingPlatform': 'Niemand begon in deze periode het platform te gebruiken.',
  'adoption.retention.cohorts': 'Cohorten',
  'adoption.retention.weeksFirstTimeUsers': 'weken met nieuwe gebruikers',
  'adoption.retention.activatedCouldHaveStopped': 'Geactiveerd (had kunnen stoppen)',
  'adoption.retention.triedStopped': 'Geprobeerd en gestopt',
  'adoption.retention.reactivated': 'Teruggekeerd',
  'adoption.retention.backAfterSilentWeeks': 'terug na {$INTERPOLATION}+ stille weken',
  'adoption.retention.shareEachWeeklyLabel':
    'Aandeel van elk wekelijks cohort dat actief is in de weken na de eerste',
  'adoption.retention.triedStoppedUnit': 'Geprobeerd en gestopt per eenheid',
  'adoption.retention.noUnitHadPeople': 'Nog geen eenheid had personen die hadden kunnen stoppen.',
  'adoption.retention.unit': 'Eenheid',
  'adoption.retention.activated': 'Geactiveerd',
  'adoption.retention.triedStopped2': 'Geprobeerd en gestopt',
  'adoption.retention.rate': 'Percentage',
  'adoption.retention.loadingRetention': 'Retentie laden…',
  'adoption.granularity': '{VAR_SELECT, select, day {Dagen} week {Weken} other {Maanden}}',
  'adoption.category.innovators': 'Innovators',
  'adoption.category.earlyAdopters': 'Vroege adoptanten',
  'adoption.category.earlyMajority': 'Vroege meerderheid',
  'adoption.category.lateMajority': 'Late meerderheid',
  'adoption.category.laggards': 'Achterblijvers',
  'adoption.diffusion.chart.actualShare': 'Werkelijk aandeel',
  'adoption.diffusion.chart.target': 'Doel {$share}',
  'adoption.diffusion.chart.forecast': 'Voorspelling {$day}',
  'adoption.diffusion.chart.adopters': 'Adoptanten',
  'adoption.diffusion.chart.bassFit': 'Bass-fit',
  'adoption.forecast.noneBecause': 'Geen voorspelling: {$reason}.',
  'adoption.forecast.none': 'Geen voorspelling.',
  'adoption.forecast.target': '{$share} van de doelgroep ({$people})',
  'adoption.forecast.interval': ' (80%-interval {$from} – {$to})',
  'adoption.forecast.reached': '{$target} bereikt rond {$day}{$interval}.',
  'adoption.forecast.belowPotential':
    'Niet bereikt in het huidige tempo: het gefitte marktpotentieel ({$potential} personen) blijft onder {$target}.',
  'adoption.forecast.beyondHorizon': '{$target} wordt niet bereikt binnen de voorspellingshorizon.',
  'adoption.forecast.noneForBecause': 'Geen voorspelling voor {$target}: {$reason}.',
  'adoption.forecast.noneFor': 'Geen voorspelling voor {$target}.',
  'adoption.engagement.series.posts': 'Berichten per actieve persoon',
  'adoption.engagement.series.replies': 'Reacties per actieve persoon',
  'adoption.engagement.series.reactions': 'Emoji-reacties per actieve persoon',
  'adoption.engagement.series.threads': 'Gesprekken met een reactie',
  'adoption.engagement.series.medianHours': 'Mediane uren tot eerste reactie',
  'adoption.firstPost.byUnit.label': 'Eenheid',
  'adoption.firstPost.byUnit.empty': 'Geen eerste berichten in een eenheid.',
  'adoption.firstPost.byCommunity.label': 'Community',
  'adoption.firstPost.byCommunity.empty': 'Geen eerste berichten in een community.',
  'adoption.firstPost.group.answered': 'Beantwoord',
  'adoption.firstPost.group.unanswered': 'Niet beantwoord',
  'adoption.firstPost.rowLabel': '{$group} · week {$weeks}',
  'adoption.firstPost.verdict.more': 'beantwoorde nieuwkomers blijven duidelijk vaker',
  'adoption.firstPost.verdict.less': 'beantwoorde nieuwkomers blijven duidelijk minder vaak',
  'adoption.firstPost.verdict.chance': 'nog niet te onderscheiden van toeval',
  'adoption.firstPost.series.retained': 'Behouden',
  'adoption.firstPost.tip': 'Week van {$week}<br>Beantwoord binnen 24 uur: {$share}',
  'adoption.firstPost.tip.posts': '<br>Eerste berichten: {$posts}',
  'adoption.firstPost.series.answered': 'Beantwoord binnen 24 uur',
  'adoption.knowledgeFlow.unknownUnit': 'Onbekende eenheid',
  'adoption.knowledgeFlow.tip.within': 'Binnen {$unit}',
  'adoption.knowledgeFlow.tip.answered': '{$responder} beantwoordde {$asker}',
  'adoption.knowledgeFlow.tip.thread': '{$who}: 1 gesprek',
  'adoption.knowledgeFlow.tip.threads': '{$who}: {$threads} gesprekken',
  'adoption.knowledgeFlow.chart.firstResponses': 'Eerste reacties',
  'adoption.knowledgeFlow.chart.acrossDepartments': 'Tussen afdelingen',
  'adoption.knowledgeFlow.chart.acrossCompanies': 'Tussen voormalige bedrijven',
  'adoption.knowledgeFlow.unknownLevel': 'Onbekend niveau',
  'adoption.knowledgeFlow.topLevel': 'Niveau 1 (top)',
  'adoption.knowledgeFlow.level.n': 'Niveau {$level}',
  'adoption.lifecycle.series.retained': 'Behouden',
  'adoption.lifecycle.series.new': 'Nieuw',
  'adoption.lifecycle.series.reactivated': 'Teruggekeerd',
  'adoption.lifecycle.series.dormant': 'Slapend',
  'adoption.lifecycle.series.netChange': 'Nettoverandering',
  'adoption.lifecycle.sentence':
    'Week van {$week}: {$active} personen actief{$change}: {$new} nieuw, {$back} terug, {$quiet} stilgevallen.',
  'adoption.weekOf': 'Week van {$day}',
  'adoption.network.measure.departments': 'Tussen afdelingen',
  'adoption.network.measure.departments.meaning':
    'interacties tussen personen van verschillende organisatie-eenheden',
  'adoption.network.measure.levels': 'Tussen hiërarchische niveaus',
  'adoption.network.measure.levels.meaning': 'verticale interacties tussen niveaus',
  'adoption.network.measure.companies': 'Tussen voormalige bedrijven',
  'adoption.network.measure.companies.meaning': 'interacties die de gefuseerde bedrijven verbinden',
  'adoption.hidden': 'verborgen',
  'adoption.peopleCount': '{$people} personen',
  'adoption.participation.group.creators': 'Makers',
  'adoption.participation.group.contributors': 'Bijdragers',
  'adoption.participation.group.readers': 'Lezers',
  'adoption.participation.group.inactive': 'Inactief',
  'adoption.participation.persona.creators': 'Makers',
  'adoption.participation.persona.responders': 'Reageerders',
  'adoption.participation.persona.reactors': 'Emoji-reageerders',
  'adoption.participation.persona.observers': 'Toeschouwers',
  'adoption.participation.rule.creators': '90-9-1: {$percent}% makers',
  'adoption.participation.rule.contributors': '90-9-1: {$percent}% makers + bijdragers',
  'adoption.participation.chart.personas': 'Persona’s',
  'adoption.persona.catalysts': 'Katalysatoren',
  'adoption.persona.catalysts.definition':
    'beginnen gesprekken, en minstens de helft daarvan wordt door iemand anders beantwoord',
  'adoption.persona.engagers': 'Verbinders',
  'adoption.persona.engagers.definition': 'reageren op anderen en krijgen reacties terug',
  'adoption.persona.responders': 'Reageerders',
  'adoption.persona.responders.definition': 'reageren op anderen maar krijgen niets terug',
  'adoption.persona.broadcasters': 'Zenders',
  'adoption.persona.broadcasters.definition':
    'beginnen gesprekken die meestal onbeantwoord blijven, en plaatsen meer dan ze reageren',
  'adoption.persona.observers': 'Toeschouwers',
  'adoption.persona.observers.definition': 'zijn actief maar lezen of reageren alleen met een emoji',
  'adoption.persona.allPeople': 'Alle personen',
  'adoption.persona.activePeople': '{$people} actieve personen',
  'adoption.retention.weekN': 'Week {$week}',
  'adoption.retention.hiddenSeries': 'Verborgen (< {$k} personen)',
  'adoption.retention.tip.active': '{$share} actief',
  'adoption.retention.tip': 'Cohort {$cohort}<br>{$week}: {$figure}',
  'adoption.retention.series.retained': 'Behouden',
  'adoption.network.averageDegree': 'gemiddeld {$INTERPOLATION} partners',
};
