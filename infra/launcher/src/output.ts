import { formatLogLine, formatLogRecord, type LogFormat, type LogLevelName } from '@uptake/config';

/** pino's numbers for the launcher's own messages. */
const OWN_LEVELS = { info: 30, warn: 40, error: 50 } as const;

export interface OutputSettings {
  /** LOG_FORMAT: json prints as before (children's JSON lines prefixed `[api] `); pretty formats them. */
  format: LogFormat;
  level: LogLevelName;
  /** Colours only on a terminal; a pipe or a file gets WARN / ERROR words instead. */
  colour: boolean;
}

type Stream = Pick<NodeJS.WritableStream, 'write'>;

/**
 * Everything `npm start` prints goes through here: the launcher's own messages, its children's log lines
 * and the ready banner. The launcher's messages are always shown (a few lines that tell the start's story),
 * whatever LOG_LEVEL; the children's lines follow LOG_LEVEL (see formatLogRecord).
 */
export class LauncherOutput {
  constructor(
    private settings: OutputSettings,
    private readonly out: Stream = process.stdout,
    private readonly err: Stream = process.stderr,
  ) {}

  /** Once the configuration is known (messages before it use the JSON-era plain lines). */
  configure(settings: OutputSettings): void {
    this.settings = settings;
  }

  say(message: string): void {
    this.own(message, 'info', this.out);
  }

  warn(message: string): void {
    this.own(message, 'warn', this.err);
  }

  error(message: string): void {
    this.own(message, 'error', this.err);
  }

  /** One line a child wrote (`name`: api, worker), from its stdout or its stderr. */
  child(name: string, line: string, fromStderr: boolean): void {
    const stream = fromStderr ? this.err : this.out;
    if (this.settings.format === 'json') {
      stream.write(`[${name}] ${line}\n`);
      return;
    }
    const text = formatLogLine(line, { ...this.pretty(name), stderr: fromStderr });
    if (text !== null) stream.write(`${text}\n`);
  }

  /** The ready banner: unprefixed and set apart in the pretty format, `[uptake] ` lines in JSON's. */
  banner(lines: readonly string[]): void {
    if (this.settings.format === 'json') {
      for (const line of lines) this.out.write(`[uptake] ${line}\n`);
      return;
    }
    const bold = (text: string) => (this.settings.colour ? `\u001b[1m${text}\u001b[0m` : text);
    this.out.write(
      ['', ...lines.map((line, index) => (index === 0 ? bold(line) : line)), ''].join('\n') + '\n',
    );
  }

  private own(message: string, level: keyof typeof OWN_LEVELS, stream: Stream): void {
    if (this.settings.format === 'json') {
      stream.write(`[uptake] ${message}\n`);
      return;
    }
    const record = { level: OWN_LEVELS[level], time: Date.now(), msg: message };
    // Shown whatever LOG_LEVEL: the formatter is asked at the message's own level.
    stream.write(`${formatLogRecord(record, { ...this.pretty('uptake'), level })}\n`);
  }

  private pretty(source: string) {
    return { level: this.settings.level, colour: this.settings.colour, source };
  }
}
