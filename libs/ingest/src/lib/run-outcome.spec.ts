import { runOutcome } from './run-outcome';

const counts = (overrides: Partial<Parameters<typeof runOutcome>[0]> = {}) => ({
  recordsRead: 0,
  recordsUsage: 0,
  recordsDirectory: 0,
  recordsQuarantined: 0,
  ...overrides,
});

describe('runOutcome', () => {
  it('fails a run whose every record was refused, saying how many and where to look', () => {
    expect(runOutcome(counts({ recordsQuarantined: 1 }), 'file')).toEqual({
      failure: expect.stringMatching(/^every record read was refused \(1 record quarantined, none stored\)/),
    });
    expect(runOutcome(counts({ recordsQuarantined: 3 }), 'api')).toEqual({
      failure: expect.stringContaining('3 records quarantined'),
    });
  });

  it('succeeds when anything was stored, whatever was refused beside it', () => {
    expect(runOutcome(counts({ recordsRead: 1, recordsQuarantined: 9 }), 'file')).toBeNull();
    expect(runOutcome(counts({ recordsUsage: 2, recordsQuarantined: 1 }), 'file')).toBeNull();
    expect(runOutcome(counts({ recordsDirectory: 5 }), 'file')).toBeNull();
  });

  it('warns about a file with nothing in it, and lets an API sync that found nothing new be', () => {
    expect(runOutcome(counts(), 'file')).toEqual({
      warning: expect.objectContaining({ code: 'nothing-read', count: 1 }),
    });
    expect(runOutcome(counts(), 'api')).toBeNull();
  });
});
