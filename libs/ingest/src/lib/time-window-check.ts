import { directoryDayProblem, eventDayProblem, eventTimeProblem, type TimeWindow } from '@uptake/config';
import { recordProblem, type RecordMessage, type RecordProblem } from '@uptake/connector-sdk';

/**
 * A valid record dated outside the accepted window (see @uptake/config time-window): activity before
 * EVENT_EARLIEST_DATE or more than EVENT_MAX_FUTURE_HOURS ahead, a usage figure for such a day, an
 * employment date outside 1900..2100. Such dates are placeholders or broken clocks, and a far one would
 * stretch every default range and calendar loop. The reason names the field and the value.
 */
export function outsideTimeWindow(
  message: RecordMessage,
  window: TimeWindow,
  now: Date,
): RecordProblem | null {
  switch (message.kind) {
    case 'activity':
      return located(
        message,
        'occurredAt',
        eventTimeProblem('occurredAt', message.record.occurredAt, window, now),
      );
    case 'usage':
      return located(message, 'day', eventDayProblem('day', message.record.day, window, now));
    case 'person': {
      const { startDate, endDate } = message.record;
      return (
        (startDate === null
          ? null
          : located(message, 'startDate', directoryDayProblem('startDate', startDate))) ??
        (endDate === null ? null : located(message, 'endDate', directoryDayProblem('endDate', endDate)))
      );
    }
    default:
      return null;
  }
}

function located(message: RecordMessage, field: string, reason: string | null): RecordProblem | null {
  return reason === null ? null : recordProblem(message, field, reason);
}
