import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ResolvedConfig } from '@uptake/config';
import { MailTransport, type OutgoingMail } from '@uptake/notifications';
import { UPTAKE_CONFIG } from '../config/config.module';

export type { OutgoingMail };

/**
 * The API's e-mail (invitations): the shared transport of @uptake/notifications, SMTP_URL or an .eml file in
 * `<UPTAKE_DATA_DIR>/outbox/` when it is unset (see MailTransport). The worker sends digests and alerts
 * through the same implementation.
 */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private readonly transport: MailTransport;

  constructor(@Inject(UPTAKE_CONFIG) config: ResolvedConfig) {
    this.transport = new MailTransport(config.mail, new Logger(MailerService.name));
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.send(mail);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
