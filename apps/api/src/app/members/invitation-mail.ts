import type { Role } from '@uptake/persistence';
import type { OutgoingMail } from '../mail/mailer.service';

const ROLE_NAMES: Record<Role, string> = {
  admin: 'an admin',
  change_manager: 'a change manager',
  executive: 'an executive',
  connector_maintainer: 'a connector maintainer',
};

/** Organisation names are free text: one line, bounded, in the subject and body. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').slice(0, 120);
}

/**
 * The invitation e-mail. Inviting never looks the address up, so the mail cannot say whether it has an
 * account; the page behind the link tells the invitee what accepting needs.
 */
export function invitationMail(input: {
  to: string;
  organisation: string;
  role: Role;
  link: string;
  expiresAt: Date;
}): OutgoingMail {
  const organisation = oneLine(input.organisation);
  return {
    to: input.to,
    subject: `Invitation to ${organisation} on Uptake`,
    text: [
      `You are invited to join ${organisation} on Uptake as ${ROLE_NAMES[input.role]}.`,
      '',
      'To accept, open this link (it works once):',
      input.link,
      '',
      `It expires on ${input.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. If you have no Uptake`,
      'account with this address yet, you choose your password there; otherwise you sign in to accept.',
      '',
      'If you did not expect this invitation, ignore this e-mail: nothing happens without the link.',
      '',
    ].join('\n'),
  };
}
