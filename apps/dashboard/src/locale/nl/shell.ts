/** Dutch texts of app/shell: navigation, organisation picker, language, sign-out. */
export const NL_SHELL: Record<string, string> = {
  'shell.nav.label': "Pagina's",
  'shell.nav.overview': 'Overzicht',
  'shell.nav.businessCase': 'Businesscase',
  'shell.nav.rollout': 'Uitrol',
  'shell.nav.communities': "Community's",
  'shell.nav.adoption': 'Adoptie',
  'shell.nav.connectors': 'Connectoren',
  'shell.nav.settings': 'Instellingen',
  'shell.nav.admin': 'Beheer',
  'shell.nav.notifications': 'Meldingen',
  'shell.organisation': 'Organisatie',
  'shell.language': 'Taal',
  'shell.signOut': 'Uitloggen',
  'shell.languageError': 'De taal kon niet worden gewijzigd: {$INTERPOLATION}',
  'shell.loading': 'Organisaties laden…',
  'shell.loadError': 'De organisaties konden niet worden geladen: {$INTERPOLATION}',
  'shell.empty.title': 'Nog geen organisatie',
  'shell.empty.body':
    'Vraag een beheerder om je aan een organisatie toe te voegen, of laad het demobedrijf met {$START_TAG_CODE}npm start{$CLOSE_TAG_CODE}.',
  'shell.brand': 'Uptake',
};
