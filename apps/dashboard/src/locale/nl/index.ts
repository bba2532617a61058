/** Every Dutch translation by message id, one file per folder of the app (`nx run dashboard:i18n-check` checks them). */
import { NL_COMMON } from './common';
import { NL_OVERVIEW } from './overview';
import { NL_ADOPTION } from './adoption';
import { NL_BUSINESS_CASE } from './business-case';
import { NL_INTERVENTIONS } from './interventions';
import { NL_SHELL } from './shell';
import { NL_AUTH } from './auth';
import { NL_CHARTS } from './charts';
import { NL_SHARED } from './shared';
import { NL_SETTINGS } from './settings';
import { NL_ADMIN } from './admin';
import { NL_COMMUNITIES } from './communities';
import { NL_CONNECTORS } from './connectors';
import { NL_ROLLOUT } from './rollout';
import { NL_NOTIFICATIONS } from './notifications';
import { NL_SERVER_TEXT } from './server-text';
import { NL_CONNECTOR_CATALOGUE } from './connector-catalogue';
import { NL_RUN_WARNINGS } from './run-warnings';

export const NL: Record<string, string> = {
  ...NL_COMMON,
  ...NL_OVERVIEW,
  ...NL_ADOPTION,
  ...NL_BUSINESS_CASE,
  ...NL_INTERVENTIONS,
  ...NL_SHELL,
  ...NL_AUTH,
  ...NL_CHARTS,
  ...NL_SHARED,
  ...NL_SETTINGS,
  ...NL_ADMIN,
  ...NL_COMMUNITIES,
  ...NL_CONNECTORS,
  ...NL_ROLLOUT,
  ...NL_NOTIFICATIONS,
  ...NL_SERVER_TEXT,
  ...NL_CONNECTOR_CATALOGUE,
  ...NL_RUN_WARNINGS,
};
