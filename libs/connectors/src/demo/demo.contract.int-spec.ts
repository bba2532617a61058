import { generateDemoOrganisation } from '@uptake/demo';
import { describeConnectorContract, earlierSettingsFixture } from '@uptake/ingest/testing';
import { demoConnector } from '.';

const settings = { seed: 7, people: 120, departments: 5, days: 40, start: '2026-01-05' };
const demo = generateDemoOrganisation(settings);
// The generator's own stream is the source of truth for a simulated source.
let events = 0;
for (const _event of demo.events()) events++;

describeConnectorContract(
  'demo',
  () => ({
    connector: demoConnector,
    earlierSettings: earlierSettingsFixture(__dirname),
    corruptCheckpoints: [{ position: '3' }],
    settings,
    expected: {
      activities: events,
      people: demo.people.length,
      groups: demo.groups.length,
    },
    invalidConfig: { settings: { people: 3 }, field: 'settings.people' },
  }),
  { malformedInput: false },
);
