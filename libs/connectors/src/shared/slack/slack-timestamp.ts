/**
 * Slack message timestamps ("1709550000.000200") are seconds.microseconds strings and double as message
 * ids within a channel. They are compared as strings of digits, never as floats: 16 significant digits
 * are at the edge of a double's precision.
 */
const SLACK_TS = /^(\d{1,12})(?:\.(\d{1,6}))?$/;

export function isSlackTs(value: unknown): value is string {
  return typeof value === 'string' && SLACK_TS.test(value);
}

/** The moment a Slack timestamp stands for (millisecond precision), or null when it is not one. */
export function slackTsToDate(ts: string): Date | null {
  const match = SLACK_TS.exec(ts);
  if (!match) return null;
  const micros = (match[2] ?? '').padEnd(6, '0');
  return new Date(Number(match[1]) * 1000 + Math.floor(Number(micros) / 1000));
}

/** The Slack timestamp of a moment, for the `oldest` / `latest` bounds of conversations.history. */
export function dateToSlackTs(date: Date): string {
  const millis = date.getTime();
  const seconds = Math.floor(millis / 1000);
  return `${seconds}.${String((millis - seconds * 1000) * 1000).padStart(6, '0')}`;
}

/** Orders two valid Slack timestamps: negative when `a` is earlier. */
export function compareSlackTs(a: string, b: string): number {
  const [aSeconds, aMicros = ''] = a.split('.');
  const [bSeconds, bMicros = ''] = b.split('.');
  const bySeconds = Number(aSeconds) - Number(bSeconds);
  if (bySeconds !== 0) return bySeconds;
  return Number(aMicros.padEnd(6, '0')) - Number(bMicros.padEnd(6, '0'));
}
