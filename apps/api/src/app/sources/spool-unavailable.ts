import { Logger, ServiceUnavailableException } from '@nestjs/common';

const logger = new Logger('SpoolStore');

/**
 * The answer when the spool store fails (S3 unreachable or refusing, a full disk): 503, the client did
 * nothing wrong and may try again. The store's reason goes to the log only (it names servers and buckets),
 * and is not attached as the exception's cause: the outage filter would read a connection error in it as a
 * generic network outage and replace the message that says which store and what to do.
 */
export function spoolUnavailable(error: unknown, advice: string): ServiceUnavailableException {
  logger.warn(`spool store unavailable: ${error instanceof Error ? error.message : String(error)}`);
  return new ServiceUnavailableException(`The spool store is unavailable; ${advice}`);
}
