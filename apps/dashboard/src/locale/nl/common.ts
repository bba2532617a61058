/** Dutch texts of the app's frame: page titles (app.routes.ts). */
export const NL_COMMON: Record<string, string> = {
  'app.title.login': 'Inloggen · Uptake',
  'app.title.invitation': 'Uitnodiging · Uptake',
  'app.title.overview': 'Overzicht · Uptake',
  'app.title.businessCase': 'Businesscase · Uptake',
  'app.title.rollout': 'Uitrol · Uptake',
  'app.title.adoption': 'Adoptie · Uptake',
  'app.title.communities': "Community's · Uptake",
  'app.title.connectors': 'Connectoren · Uptake',
  'app.title.settings': 'Instellingen · Uptake',
  'app.title.admin': 'Beheer · Uptake',
};
