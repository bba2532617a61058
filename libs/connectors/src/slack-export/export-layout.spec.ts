import { compareDayFiles, planExport, readExportActivityState } from './export-layout';

const entries = (...names: string[]) => names.map((fileName) => ({ fileName }));

describe('planExport', () => {
  it('finds the root files and puts day files in channel, day order whatever the zip order', () => {
    const layout = planExport(
      entries(
        'users.json',
        'random/2024-03-06.json',
        'general/2024-03-05.json',
        'random/2024-03-04.json',
        'general/2024-03-04.json',
        'general/notes.txt',
        'general/2024-03-04.json.bak',
        'integration_logs.json',
        'channels.json',
      ),
      'export.zip',
    );
    expect(layout.root).toBe('');
    expect(layout.users?.fileName).toBe('users.json');
    expect(layout.groups).toBeNull();
    expect(layout.dayFiles.map((file) => file.path)).toEqual([
      'general/2024-03-04.json',
      'general/2024-03-05.json',
      'random/2024-03-04.json',
      'random/2024-03-06.json',
    ]);
    expect(layout.dayFiles[3]).toMatchObject({ channelFolder: 'random', day: '2024-03-06' });
    // what is not a list or a day file is skipped on purpose, by top-level name (for the run's warnings)
    expect(layout.skipped).toEqual([
      { name: 'general/', entries: 2 },
      { name: 'integration_logs.json', entries: 1 },
    ]);
  });

  it('reads an export re-zipped inside a folder, ignoring copies outside it', () => {
    const layout = planExport(
      entries(
        '__MACOSX/Export/._channels.json',
        'Export/channels.json',
        'Export/groups.json',
        'Export/users.json',
        'Export/dev-team/2024-01-02.json',
        'Other/dev-team/2024-01-01.json',
      ),
      'export.zip',
    );
    expect(layout.root).toBe('Export/');
    expect(layout.groups?.fileName).toBe('Export/groups.json');
    // archivers' leftovers are not worth a warning
    expect(layout.skipped).toEqual([]);
    expect(layout.dayFiles.map((file) => file.path)).toEqual(['dev-team/2024-01-02.json']);
  });

  it('rejects a zip that is not a Slack export, naming the file', () => {
    expect(() => planExport(entries('report.csv'), 'report.zip')).toThrow(
      'report.zip is not a Slack workspace export: it has no channels.json',
    );
  });
});

describe('day file order and checkpoints', () => {
  it('orders by channel folder first, so "dev" comes before "dev-team" and both before "general"', () => {
    const files = [
      { channelFolder: 'general', day: '2024-01-01' },
      { channelFolder: 'dev-team', day: '2024-01-01' },
      { channelFolder: 'dev', day: '2024-02-01' },
      { channelFolder: 'dev', day: '2024-01-01' },
    ];
    expect([...files].sort(compareDayFiles).map((f) => `${f.channelFolder}/${f.day}`)).toEqual([
      'dev/2024-01-01',
      'dev/2024-02-01',
      'dev-team/2024-01-01',
      'general/2024-01-01',
    ]);
  });

  it('reads the last day file done from the state, and ignores states it does not know', () => {
    expect(readExportActivityState({ lastDayFile: 'dev-team/2024-01-02.json' })).toEqual({
      channelFolder: 'dev-team',
      day: '2024-01-02',
    });
    expect(readExportActivityState(undefined)).toBeNull();
    expect(readExportActivityState({ lastDayFile: 'users.json' })).toBeNull();
    expect(readExportActivityState({ position: 3 })).toBeNull();
  });
});
