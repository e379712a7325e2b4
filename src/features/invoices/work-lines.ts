// Ready-to-bill work (time and parts from work orders) as invoice lines. A line's amount is always
// lineTotal(unit price, quantity); when the item's own priced amount cannot be written that way (25
// minutes at $125/h is 0.41666… hours), the line is one unit at the item's amount and the description
// carries the arithmetic, so the invoice total equals the ready-to-bill total to the cent.
import { formatMoney, lineTotal } from '../../lib/money.ts';
import type { UnbilledItem } from '../time/billing.ts';
import type { NewLine } from './queries.ts';

export function durationLabel(minutes: number): string {
  const h = Math.trunc(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} h` : '', m || !h ? `${m} min` : ''].filter(Boolean).join(' ');
}

/** taxLabor: whether time lines are taxable (invoice settings); parts always are. */
export function lineFromWork(item: UnbilledItem, currency = 'USD', taxLabor = true): NewLine {
  const base = {
    taxable: item.kind === 'part' || taxLabor,
    workOrderId: item.workOrderId,
    sourceType: item.kind === 'time' ? 'time_entry' : 'part',
    sourceId: item.id,
  } as const;
  if (item.kind === 'time') {
    const minutes = item.minutes ?? 0;
    const description = `${item.workOrderNumber} ${item.date} · ${item.description}`;
    const exactQty = (minutes * 1000) % 60 === 0 ? (minutes * 1000) / 60 : null;
    if (exactQty !== null && lineTotal(item.unitCents, exactQty) === item.amountCents) {
      return {
        ...base,
        kind: 'time',
        description: `${description} (hours)`,
        quantityThousandths: exactQty,
        unitPriceCents: item.unitCents,
      };
    }
    return {
      ...base,
      kind: 'time',
      description: `${description} (${durationLabel(minutes)} @ ${formatMoney(item.unitCents, currency)}/h)`,
      quantityThousandths: 1000,
      unitPriceCents: item.amountCents,
    };
  }
  const qty = item.quantityThousandths ?? 1000;
  const description = `${item.workOrderNumber} · ${item.description}`;
  if (lineTotal(item.unitCents, qty) === item.amountCents)
    return {
      ...base,
      kind: 'part',
      description,
      quantityThousandths: qty,
      unitPriceCents: item.unitCents,
    };
  return {
    ...base,
    kind: 'part',
    description,
    quantityThousandths: 1000,
    unitPriceCents: item.amountCents,
  };
}
