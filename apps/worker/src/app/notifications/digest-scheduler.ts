import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { digestKey, digestPeriod, digestScheduleOf, latestDigestDue } from '@uptake/notifications';
import { NotificationRepository, type NotificationMember } from '@uptake/persistence';
import type { DataSource } from 'typeorm';

/**
 * A digest missed by up to this long (the worker was down at its time) is still sent; an older one is not:
 * a Monday digest arriving on Tuesday evening reads as a mistake.
 */
export const DIGEST_CATCH_UP_MS = 12 * 3_600_000;

/** When a member's digest is due at `now` (in their organisation's zone), or null when it is not. */
export function dueDigest(member: NotificationMember, now: Date): { due: Date; period: string } | null {
  const schedule = digestScheduleOf(member.settings);
  if (!schedule.enabled) return null;
  const due = latestDigestDue(schedule, member.timeZone, now);
  if (!due || now.getTime() - due.getTime() > DIGEST_CATCH_UP_MS) return null;
  // Not for a time before the member joined or chose this schedule: changing the time to one that has
  // passed today does not send at once.
  const chosen = Math.max(member.memberSince.getTime(), member.settings?.updatedAt.getTime() ?? 0);
  if (due.getTime() < chosen) return null;
  return { due, period: digestPeriod(schedule.frequency, due, member.timeZone) };
}

/**
 * Finds the digests due at a tick and creates their deliveries, one per member and period (insert or skip
 * on the dedup key): however often the tick runs, and on however many workers, a member gets one digest a
 * period. The content is composed when the delivery is sent.
 */
@Injectable()
export class DigestScheduler {
  private readonly repository: NotificationRepository;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.repository = new NotificationRepository(dataSource);
  }

  async schedule(now: Date): Promise<{ organisationId: string; id: string }[]> {
    const created: { organisationId: string; id: string }[] = [];
    for (const member of await this.repository.digestMembers()) {
      const due = dueDigest(member, now);
      if (!due) continue;
      const id = await this.repository.insertDelivery({
        organisationId: member.organisationId,
        kind: 'digest',
        userId: member.userId,
        ruleId: null,
        period: due.period,
        channel: 'email',
        recipient: member.email,
        // Replaced by the composed subject at the first attempt.
        subject: `Uptake digest ${due.period}`,
        dedupKey: digestKey(member.userId, due.period),
        status: 'queued',
      });
      if (id) created.push({ organisationId: member.organisationId, id });
    }
    return created;
  }
}
