import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { UPTAKE_CONFIG } from '../config/config.module';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends e-mail through SMTP_URL. Without it (the embedded default) each message is written as an .eml file
 * to `<UPTAKE_DATA_DIR>/outbox/` and its path logged: the operator of the installation, who can read that
 * folder, passes it on. Organisation admins never see a message's content (invitation links are secrets).
 */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailerService.name);
  private readonly transport;

  constructor(@Inject(UPTAKE_CONFIG) private readonly config: ResolvedConfig) {
    this.transport = config.mail.smtpUrl
      ? createTransport(config.mail.smtpUrl)
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const message = { from: this.config.mail.from, to: mail.to, subject: mail.subject, text: mail.text };
    if (this.config.mail.smtpUrl) {
      await this.transport.sendMail(message);
      return;
    }
    const info = (await this.transport.sendMail(message)) as { message: Buffer };
    const folder = this.config.mail.outboxDir;
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    const file = path.join(
      folder,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`,
    );
    await fs.writeFile(file, info.message, { mode: 0o600 });
    this.logger.warn(`No SMTP_URL: e-mail "${mail.subject}" written to ${file}`);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
