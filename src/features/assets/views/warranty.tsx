// "Warranty expires 2027-03-01 (in 98 days)" — the same words everywhere; expired is red.
import { daysBetween } from '../../../lib/dates.ts';

export function warrantyWords(expires: string, today: string): { text: string; expired: boolean } {
  const d = daysBetween(today, expires);
  if (d < 0)
    return {
      text: `Warranty expired ${expires} (${-d} ${-d === 1 ? 'day' : 'days'} ago)`,
      expired: true,
    };
  if (d === 0) return { text: `Warranty expires ${expires} (today)`, expired: false };
  return {
    text: `Warranty expires ${expires} (in ${d} ${d === 1 ? 'day' : 'days'})`,
    expired: false,
  };
}

/** Short form for table cells: the date, with "in 12 d" / "expired" beside it. */
export function WarrantyCell({ expires, today }: { expires: string | null; today: string }) {
  if (!expires) return <span class="text-body-tertiary">—</span>;
  const d = daysBetween(today, expires);
  if (d < 0)
    return (
      <span class="text-danger fw-semibold" title={`Expired ${-d} days ago`}>
        {expires} <span class="small">expired</span>
      </span>
    );
  return (
    <span class={d <= 90 ? 'text-warning-emphasis' : ''} title={`In ${d} days`}>
      {expires}
      {d <= 90 ? <span class="small"> in {d} d</span> : null}
    </span>
  );
}
