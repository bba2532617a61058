import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Transporter } from 'nodemailer';
import type { MailImage } from './digest-composer';

/** Where mail goes: SMTP_URL, or (unset, the embedded default) .eml files in the outbox folder. */
export interface MailSettings {
  smtpUrl: string | undefined;
  from: string;
  outboxDir: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Inline images the HTML references as cid:<cid>. */
  images?: readonly MailImage[];
}

/** Why a message was not sent; `permanent` when another attempt would fail the same way (SMTP 5xx). */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | null,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

/**
 * SMTP replies say whether to try again: 5xx is permanent (no such mailbox, refused), 4xx is transient
 * (greylisting, mailbox full, try later); no reply at all (connection refused, timeout) is transient too.
 * Authentication failures are permanent: the configuration must change first.
 */
export function mailDeliveryError(error: unknown): MailDeliveryError {
  const details = (error ?? {}) as { responseCode?: unknown; code?: unknown; message?: unknown };
  const responseCode = typeof details.responseCode === 'number' ? details.responseCode : null;
  const message = typeof details.message === 'string' ? details.message : String(error);
  const permanent = responseCode !== null ? responseCode >= 500 : details.code === 'EAUTH';
  return new MailDeliveryError(message.slice(0, 500), permanent, responseCode);
}

/** What the outbox-less warning goes to (the API's and the worker's Nest logger). */
export interface MailLog {
  warn(message: string): void;
}

/**
 * Sends e-mail through SMTP_URL. Without it each message is written as an .eml file to the outbox folder and
 * its path logged: the operator of the installation, who can read that folder, passes it on. Organisation
 * admins never see a message's content (invitation links are secrets). One implementation for the API
 * (invitations) and the worker (digests, alerts).
 */
export class MailTransport {
  /** Created by the first message: nodemailer is ~3 MB of an idle worker that may never send one. */
  private transport: Promise<Transporter> | undefined;
  private closed = false;

  constructor(
    private readonly settings: MailSettings,
    private readonly log?: MailLog,
  ) {}

  private connect(): Promise<Transporter> {
    this.transport ??= import('nodemailer').then(({ createTransport }) =>
      this.settings.smtpUrl
        ? createTransport(this.settings.smtpUrl)
        : createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
    );
    return this.transport;
  }

  /** Sends one message; a failure is a MailDeliveryError saying whether to try again. */
  async send(mail: OutgoingMail): Promise<{ outboxFile?: string }> {
    const message = {
      from: this.settings.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      ...(mail.images?.length
        ? {
            attachments: mail.images.map((image) => ({
              cid: image.cid,
              filename: image.filename,
              contentType: image.contentType,
              content: image.content,
              contentDisposition: 'inline' as const,
            })),
          }
        : {}),
    };
    if (this.closed) throw new MailDeliveryError('the mail transport is closed (shutting down)', false, null);
    let info: { message?: Buffer };
    try {
      info = (await (await this.connect()).sendMail(message)) as { message?: Buffer };
    } catch (error) {
      throw mailDeliveryError(error);
    }
    if (this.settings.smtpUrl) return {};
    const folder = this.settings.outboxDir;
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    const file = path.join(
      folder,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`,
    );
    await fs.writeFile(file, info.message ?? Buffer.alloc(0), { mode: 0o600 });
    this.log?.warn(`No SMTP_URL: e-mail "${mail.subject}" written to ${file}`);
    return { outboxFile: file };
  }

  close(): void {
    this.closed = true;
    void this.transport?.then((transport) => transport.close()).catch(() => undefined);
  }
}
