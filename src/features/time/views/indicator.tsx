// "Timer running on WO-00012" for the signed-in technician; empty when no timer runs.
import { woNumber } from '../../work-orders/views/header.tsx';
import type { TimeEntry } from '../queries.ts';

export function TimerIndicator({
  running,
}: {
  running: { entry: TimeEntry; workOrderNumber: number; workOrderTitle: string } | null;
}) {
  if (!running) return <span class="timer-indicator" />;
  return (
    <a
      class="timer-indicator badge text-bg-success text-decoration-none"
      href={`/work-orders/${running.entry.workOrderId}/time`}
      title={running.workOrderTitle}
    >
      Timer running on {woNumber(running.workOrderNumber)}{' '}
      <span data-timer-start={running.entry.startedAt ?? ''} />
    </a>
  );
}
