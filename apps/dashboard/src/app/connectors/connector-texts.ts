import type { ConnectorInfo, ConnectorType } from '@uptake/contracts';

/*
 * The connector catalogue's texts (GET /api/connectors writes them in English, from the connectors' own
 * code) in the page's language, keyed by connector type and field name. A text this table does not have (a
 * connector or field added since) stays as the API wrote it. catalogue-texts.json is the API's English of
 * every entry: connector-texts.spec.ts fails when one of them has no Dutch text, and the API's
 * connectors.controller.spec.ts fails when the API's texts no longer match that file.
 */

/** The page's texts of one connector: its title and the descriptions of its settings and credentials. */
export interface ConnectorTexts {
  title: string;
  settings?: Readonly<Record<string, string>>;
  credentials?: Readonly<Record<string, string>>;
}

/** Every connector's texts in the page's language (built on each call: $localize answers per locale). */
export function connectorTexts(): Readonly<Record<ConnectorType, ConnectorTexts>> {
  return {
    demo: { title: $localize`:@@connectors.catalogue.demo.title:Demo organisation (simulated)` },
    'slack-export': {
      title: $localize`:@@connectors.catalogue.slackExport.title:Slack workspace export (zip)`,
    },
    'slack-api': { title: $localize`:@@connectors.catalogue.slackApi.title:Slack (Web API)` },
    csv: { title: $localize`:@@connectors.catalogue.csv.title:Activity file (CSV, NDJSON or JSON)` },
    webhook: { title: $localize`:@@connectors.catalogue.webhook.title:Webhook (pushed activity events)` },
    'directory-csv': {
      title: $localize`:@@connectors.catalogue.directoryCsv.title:Directory (HR export, CSV)`,
    },
    'ms-graph-reports': {
      title: $localize`:@@connectors.catalogue.msGraphReports.title:Microsoft 365 usage reports (Viva Engage, Teams, e-mail)`,
    },
    'entra-id-directory': {
      title: $localize`:@@connectors.catalogue.entraIdDirectory.title:Microsoft Entra ID directory (Microsoft Graph users)`,
    },
    'ms-teams': {
      title: $localize`:@@connectors.catalogue.msTeams.title:Microsoft Teams channel and chat messages (Microsoft Graph)`,
      settings: {
        baseUrl: $localize`:@@connectors.catalogue.msTeams.baseUrl:The Microsoft Graph API root`,
        tokenUrl: $localize`:@@connectors.catalogue.msTeams.tokenUrl:The Entra ID token endpoint`,
        tenantId: $localize`:@@connectors.catalogue.msTeams.tenantId:The directory (tenant) id, or one of its verified domains`,
        identity: $localize`:@@connectors.catalogue.msTeams.identity:User property people are keyed by (lower-cased): as in the Entra ID directory source`,
        teams: $localize`:@@connectors.catalogue.msTeams.teams:Only these teams (group ids)`,
        pageSize: $localize`:@@connectors.catalogue.msTeams.pageSize:Messages per page ($top, at most 50)`,
        maxPagesPerRun: $localize`:@@connectors.catalogue.msTeams.maxPagesPerRun:Message pages read per run; the next run continues from there`,
        includeChats: $localize`:@@connectors.catalogue.msTeams.includeChats:Also read chats (1:1, group, meeting) as private chat activity: needs Chat.Read.All`,
        chatsModel: $localize`:@@connectors.catalogue.msTeams.chatsModel:Licensing and payment model for chat messages (model=A or B; evaluation: none)`,
      },
    },
    'ms-teams-export': {
      title: $localize`:@@connectors.catalogue.msTeamsExport.title:Microsoft Teams export (Graph chatMessage JSON, .json or .zip)`,
      settings: {
        identity: $localize`:@@connectors.catalogue.msTeamsExport.identity:User property people are keyed by (lower-cased), from the upload’s users.json`,
        maxMessagesPerFile: $localize`:@@connectors.catalogue.msTeamsExport.maxMessagesPerFile:Messages read per file of the upload (the rest is skipped, with a warning)`,
      },
    },
    'viva-engage-api': {
      title: $localize`:@@connectors.catalogue.vivaEngageApi.title:Viva Engage (Yammer REST API)`,
      settings: {
        baseUrl: $localize`:@@connectors.catalogue.vivaEngageApi.baseUrl:The Yammer REST API v1`,
        groups: $localize`:@@connectors.catalogue.vivaEngageApi.groups:Community ids whose feeds are read; absent: every public message of the network`,
        lookbackDays: $localize`:@@connectors.catalogue.vivaEngageApi.lookbackDays:How far back the first read goes; later reads continue from the newest message read`,
        maxPagesPerRun: $localize`:@@connectors.catalogue.vivaEngageApi.maxPagesPerRun:Message pages (20 messages) one run reads; the next run continues where it stopped`,
      },
    },
    'viva-engage-export': {
      title: $localize`:@@connectors.catalogue.vivaEngageExport.title:Viva Engage network data export (zip upload, or the Data Export API)`,
      settings: {
        directory: $localize`:@@connectors.catalogue.vivaEngageExport.directory:users-csv: Users.csv becomes the directory (only when the organisation has no HR file)`,
        mode: $localize`:@@connectors.catalogue.vivaEngageExport.mode:upload: read uploaded export zips; api: syncs download the exports since the last one from Viva Engage's Data Export API (verified admin token)`,
        exportUrl: $localize`:@@connectors.catalogue.vivaEngageExport.exportUrl:The Data Export API (mode api)`,
        lookbackDays: $localize`:@@connectors.catalogue.vivaEngageExport.lookbackDays:How far back the first API export goes; later ones start where the last one ended`,
        windowDays: $localize`:@@connectors.catalogue.vivaEngageExport.windowDays:Days one API export covers (Microsoft recommends daily exports)`,
        maxExportsPerRun: $localize`:@@connectors.catalogue.vivaEngageExport.maxExportsPerRun:API exports one sync downloads at most; the next sync continues where it stopped`,
      },
      credentials: {
        token: $localize`:@@connectors.catalogue.vivaEngageExport.token:A verified admin's Yammer token (mode api only)`,
      },
    },
  };
}

type Schema = Record<string, unknown>;
const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A catalogue entry with its title and field descriptions in the page's language (what the table lacks
 * keeps the API's English). The schemas are copied, never changed in place: the catalogue is a shared answer.
 */
export function localizeConnector(
  info: ConnectorInfo,
  texts: Readonly<Record<string, ConnectorTexts>> = connectorTexts(),
): ConnectorInfo {
  if (!Object.hasOwn(texts, info.type)) return info;
  const own = texts[info.type];
  return {
    ...info,
    title: own.title,
    settingsSchema: withDescriptions(info.settingsSchema, own.settings),
    credentialsSchema: withDescriptions(info.credentialsSchema, own.credentials),
  };
}

function withDescriptions(
  schema: Schema,
  descriptions: Readonly<Record<string, string>> | undefined,
): Schema {
  const properties = schema['properties'];
  if (!descriptions || !isSchema(properties)) return schema;
  const localized = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => {
      const text = descriptions[name];
      return [
        name,
        text && isSchema(property) && 'description' in property
          ? { ...property, description: text }
          : property,
      ];
    }),
  );
  return { ...schema, properties: localized };
}
