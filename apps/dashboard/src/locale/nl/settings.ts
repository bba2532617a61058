/** Dutch texts of app/settings: the organisation's settings. */
export const NL_SETTINGS: Record<string, string> = {
  'settings.title': 'Organisatie-instellingen',
  'settings.intro':
    'Naam, tijdzone, privacydrempel, taal en de standaardwaarden van het waardemodel van de bedrijfsdoelen. ' +
    'Elke wijziging wordt vastgelegd in het auditlogboek.',
  'settings.loadError': 'De instellingen konden niet worden geladen: {$INTERPOLATION}',
  'settings.loading': 'Instellingen laden…',
  'settings.readOnly': 'Alleen beheerders kunnen deze instellingen wijzigen.',
  'settings.legend': 'Organisatie-instellingen',
  'settings.name': 'Naam',
  'settings.timeZone': 'Tijdzone (IANA, bijv. Europe/Amsterdam)',
  'settings.timeZone.hint':
    'Dagen en weken van elke KPI beginnen hier om middernacht. Wijzigen herberekent alle cijfers; dat kan ' +
    'een paar minuten duren.',
  'settings.minGroupSize': 'Kleinste getoonde groep (k)',
  'settings.minGroupSize.hint': 'Cijfers over minder personen worden verborgen.',
  'settings.workingDaysPerYear': 'Werkdagen per jaar',
  'settings.workingDaysPerYear.hint': 'Voor doelen die zelf geen aantal opgeven.',
  'settings.defaultHourlyCost': 'Standaard uurkosten',
  'settings.defaultHourlyCost.hint': 'In de valuta van elk doel, voor doelen die zelf geen bedrag opgeven.',
  'settings.eventRetentionMonths': 'Activiteit bewaren (maanden)',
  'settings.eventRetentionMonths.placeholder': 'Geen limiet',
  'settings.eventRetentionMonths.hint':
    'Leeg bewaart alles. Anders wordt eens per dag activiteit die ouder is dan dit aantal maanden vóór de ' +
    'huidige maand, met de cijfers erover, definitief verwijderd.',
  'settings.defaultLocale': 'Standaardtaal',
  'settings.defaultLocale.hint':
    'Van het dashboard, de samenvattingen, meldingen en exports, voor leden die zelf geen taal kozen.',
  'settings.saving': 'Opslaan…',
  'settings.save': 'Instellingen opslaan',
  'settings.saved': 'Instellingen opgeslagen.',
  'settings.unchanged': 'Niets op te slaan: de instellingen waren ongewijzigd.',
  'settings.recompute':
    'De tijdzone is gewijzigd: een herberekening van elke KPI in {$INTERPOLATION} staat in de wachtrij ' +
    '(alle activiteit, {$INTERPOLATION_1} tot {$INTERPOLATION_2}). Tot die klaar is, tonen KPI’s de dagen ' +
    'van de vorige tijdzone.',
  'settings.languageNote':
    'De standaardtaal is gewijzigd. Herlaad de pagina om het dashboard in die taal te zien.',
};
