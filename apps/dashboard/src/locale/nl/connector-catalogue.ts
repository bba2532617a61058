/** Dutch texts of app/connectors/connector-texts.ts: the connector catalogue's titles and field descriptions. */
export const NL_CONNECTOR_CATALOGUE: Record<string, string> = {
  'connectors.catalogue.demo.title': 'Demo-organisatie (gesimuleerd)',
  'connectors.catalogue.slackExport.title': 'Slack-werkruimte-export (zip)',
  'connectors.catalogue.slackApi.title': 'Slack (Web API)',
  'connectors.catalogue.csv.title': 'Activiteitenbestand (CSV, NDJSON of JSON)',
  'connectors.catalogue.webhook.title': 'Webhook (gepushte activiteiten)',
  'connectors.catalogue.directoryCsv.title': 'Personeelsbestand (HR-export, CSV)',
  'connectors.catalogue.msGraphReports.title': 'Microsoft 365-gebruiksrapporten (Viva Engage, Teams, e-mail)',
  'connectors.catalogue.entraIdDirectory.title': 'Microsoft Entra ID-directory (Microsoft Graph-gebruikers)',
  'connectors.catalogue.msTeams.title': 'Microsoft Teams-kanaal- en chatberichten (Microsoft Graph)',
  'connectors.catalogue.msTeams.baseUrl': 'De basis-URL van de Microsoft Graph-API',
  'connectors.catalogue.msTeams.tokenUrl': 'Het tokenendpoint van Entra ID',
  'connectors.catalogue.msTeams.tenantId':
    'De id van de directory (tenant), of een van zijn geverifieerde domeinen',
  'connectors.catalogue.msTeams.identity':
    'De gebruikerseigenschap waarop personen worden herkend (in kleine letters): zoals in de Entra ID-directorybron',
  'connectors.catalogue.msTeams.teams': 'Alleen deze teams (groeps-id’s)',
  'connectors.catalogue.msTeams.pageSize': 'Berichten per pagina ($top, hoogstens 50)',
  'connectors.catalogue.msTeams.maxPagesPerRun':
    'Berichtpagina’s die één run leest; de volgende run gaat daar verder',
  'connectors.catalogue.msTeams.includeChats':
    'Ook chats lezen (1-op-1, groep, vergadering) als privé-chatactiviteit: vereist Chat.Read.All',
  'connectors.catalogue.msTeams.chatsModel':
    'Licentie- en betaalmodel voor chatberichten (model=A of B; evaluatie: geen)',
  'connectors.catalogue.msTeamsExport.title':
    'Microsoft Teams-export (Graph-chatMessage-JSON, .json of .zip)',
  'connectors.catalogue.msTeamsExport.identity':
    'De gebruikerseigenschap waarop personen worden herkend (in kleine letters), uit de users.json van de upload',
  'connectors.catalogue.msTeamsExport.maxMessagesPerFile':
    'Berichten die per bestand van de upload worden gelezen (de rest wordt overgeslagen, met een waarschuwing)',
  'connectors.catalogue.vivaEngageApi.title': 'Viva Engage (Yammer REST-API)',
  'connectors.catalogue.vivaEngageApi.baseUrl': 'De Yammer REST-API v1',
  'connectors.catalogue.vivaEngageApi.groups':
    'Id’s van de community’s waarvan de feeds worden gelezen; leeg: elk openbaar bericht van het netwerk',
  'connectors.catalogue.vivaEngageApi.lookbackDays':
    'Hoe ver de eerste keer terug wordt gelezen; daarna gaat het verder vanaf het nieuwste gelezen bericht',
  'connectors.catalogue.vivaEngageApi.maxPagesPerRun':
    'Berichtpagina’s (20 berichten) die één run leest; de volgende run gaat verder waar deze stopte',
  'connectors.catalogue.vivaEngageExport.title':
    'Viva Engage-netwerkexport (zip-upload, of de Data Export API)',
  'connectors.catalogue.vivaEngageExport.directory':
    'users-csv: Users.csv wordt het personeelsbestand (alleen als de organisatie geen HR-bestand heeft)',
  'connectors.catalogue.vivaEngageExport.mode':
    'upload: geüploade exportzips lezen; api: synchronisaties downloaden de exports sinds de vorige uit de ' +
    'Data Export API van Viva Engage (token van een geverifieerde beheerder)',
  'connectors.catalogue.vivaEngageExport.exportUrl': 'De Data Export API (modus api)',
  'connectors.catalogue.vivaEngageExport.lookbackDays':
    'Hoe ver de eerste API-export teruggaat; volgende exports beginnen waar de vorige eindigde',
  'connectors.catalogue.vivaEngageExport.windowDays':
    'Dagen die één API-export beslaat (Microsoft raadt dagelijkse exports aan)',
  'connectors.catalogue.vivaEngageExport.maxExportsPerRun':
    'API-exports die één synchronisatie hoogstens downloadt; de volgende gaat verder waar deze stopte',
  'connectors.catalogue.vivaEngageExport.token':
    'Het Yammer-token van een geverifieerde beheerder (alleen modus api)',
};
