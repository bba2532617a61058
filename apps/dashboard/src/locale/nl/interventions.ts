/** Dutch texts of app/interventions: the intervention log and an intervention's effect. */
export const NL_INTERVENTIONS: Record<string, string> = {
  'interventions.effect.metric': 'Maatstaf',
  'interventions.effect.loading': 'Het effect meten…',
  'interventions.effect.ariaLabel': 'Effect van {$title}',
  'interventions.effect.treatedName': 'Doelgroep van {$title}',
  'interventions.interventionLog.interventions': 'Interventies',
  'interventions.interventionLog.trainingsCommunicationsLeadershipPosts':
    'Trainingen, communicatie, berichten van leidinggevenden en nudges, met de dag waarop ze plaatsvonden. ' +
    'Elke interventie staat gemarkeerd op elke tijdgrafiek; open er een om het effect voor en na te zien ' +
    '(een schatting uit waarnemingen).',
  'interventions.interventionLog.logIntervention': 'Interventie vastleggen',
  'interventions.log.formTitle':
    '{VAR_SELECT, select, true {Een interventie vastleggen} other {De interventie bewerken}}',
  'interventions.interventionLog.day': 'Dag',
  'interventions.interventionLog.kind': 'Soort',
  'interventions.interventionLog.title': 'Titel',
  'interventions.interventionLog.noteOptional': 'Notitie (optioneel)',
  'interventions.interventionLog.orgUnitsTheirSub': 'Organisatie-eenheden (met hun subeenheden)',
  'interventions.interventionLog.groups': 'Groepen',
  'interventions.interventionLog.noOrgUnitNo':
    'Geen organisatie-eenheid en geen groep: bedoeld voor iedereen.',
  'interventions.interventionLog.couldNotLoadOrg':
    'De organisatie-eenheden of groepen konden niet worden geladen: {$INTERPOLATION}',
  'interventions.interventionLog.cancel': 'Annuleren',
  'interventions.log.save':
    '{VAR_SELECT, select, busy {Opslaan…} new {Interventie vastleggen} other {Opslaan}}',
  'interventions.interventionLog.loadingInterventions': 'Interventies laden…',
  'interventions.interventionLog.noInterventionLoggedYet': 'Nog geen interventie vastgelegd.',
  'interventions.interventionLog.rowTarget': 'voor {$INTERPOLATION}',
  'interventions.log.toggleEffect': '{VAR_SELECT, select, true {Effect verbergen} other {Effect}}',
  'interventions.interventionLog.edit': 'Bewerken',
  'interventions.interventionLog.deleteRowTitle': '“{$INTERPOLATION}” verwijderen?',
  'interventions.interventionLog.delete': 'Verwijderen',
  'interventions.interventionLog.keep': 'Behouden',
  'interventions.interventionLog.delete2': 'Verwijderen',
  'interventions.kind.training': 'Training',
  'interventions.kind.communication': 'Communicatie',
  'interventions.kind.leadershipPost': 'Bericht van leidinggevende',
  'interventions.kind.championProgramme': 'Championprogramma',
  'interventions.kind.nudge': 'Nudge',
  'interventions.kind.other': 'Overig',
  'interventions.target.unknownOrgUnit': 'een organisatie-eenheid die niet meer in de lijst staat',
  'interventions.target.unknownGroup': 'een groep die niet meer in de lijst staat',
  'interventions.target.everyone': 'Iedereen',
};
