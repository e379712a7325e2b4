// A company's recent activity in words: one audit row -> one sentence ("Payment of $500.00 recorded
// by Ann Lee", "Invoice INV-2026-00012 issued by the billing run"). Pure: the caller looks up what
// a row only points at (an invoice's number, a work order's number and title, an asset's or a
// contact's name) and passes it in `names`. Money appears only for staff who see billing. An action
// not known here still reads as a sentence ("Widget frobbed by Ann Lee"), never as raw JSON.
import { formatDuration } from '../../lib/duration.ts';
import { formatMoney } from '../../lib/money.ts';
import { STATUS_LABEL, woNumber } from '../work-orders/views/header.tsx';

export type ActivityRow = {
  action: string;
  actorType: string;
  actorLabel: string;
  entityType: string;
  entityId: string | null;
  summary: string | null;
};

export type ActivityOptions = {
  currency: string;
  /** Amounts in the sentence (billing.read); without it "Payment recorded by Ann Lee". */
  showMoney: boolean;
  /** What an entity id stands for: "INV-2026-00012", "WO-01042 “Printer offline”", "Dell OptiPlex". */
  names?: ReadonlyMap<string, string>;
};

type Summary = Record<string, unknown>;

function parse(summary: string | null): Summary {
  if (!summary) return {};
  try {
    const v: unknown = JSON.parse(summary);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Summary) : {};
  } catch {
    return {};
  }
}

const SYSTEM_ACTORS: Record<string, string> = {
  scheduler: 'the scheduler',
  'billing run': 'the billing run',
  cli: 'the command line',
  demo: 'the demo',
};

/** "Ann Lee <ann@x.test>" -> "Ann Lee"; a customer's contact says so; system actors by role. */
export function actorName(r: Pick<ActivityRow, 'actorType' | 'actorLabel'>): string {
  const name = r.actorLabel.replace(/\s*<[^>]*>\s*$/, '').trim() || r.actorLabel;
  if (r.actorType === 'system') return SYSTEM_ACTORS[name] ?? name;
  if (r.actorType === 'contact') return `${name} (customer)`;
  return name;
}

const str = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null;
const int = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null;
const quoted = (v: unknown) => {
  const s = str(v);
  return s ? `“${s.length > 60 ? `${s.slice(0, 60)}…` : s}”` : null;
};
/** The "after" value of a [before, after] change, or the value itself. */
const after = (v: unknown) => (Array.isArray(v) && v.length === 2 ? v[1] : v);
const hm = formatDuration;
const words = (s: string) =>
  s
    .replace(/Cents$/, '')
    .replace(/Id$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
const capital = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);
const join = (parts: (string | null | undefined | false)[]) => parts.filter(Boolean).join(' ');

const status = (v: unknown) => {
  const s = str(v);
  return s ? (STATUS_LABEL[s] ?? capital(words(s))) : null;
};

const SECRET_FIELD: Record<string, string> = {
  password: 'Password',
  totp: 'One-time code',
  notes: 'Secret notes',
  username: 'Username',
};

/** The fields a change touched, in words: "phone, email and billing day". */
function changedFields(s: Summary, skip: string[] = []): string | null {
  const keys = Object.keys(s)
    .filter((k) => !skip.includes(k))
    .map(words);
  if (keys.length === 0) return null;
  if (keys.length === 1) return keys[0];
  const shown = keys.slice(0, 4);
  const rest = keys.length - shown.length;
  return rest > 0
    ? `${shown.join(', ')} and ${rest} more`
    : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** One audit row as a sentence. */
export function activitySentence(row: ActivityRow, o: ActivityOptions): string {
  const s = parse(row.summary);
  const by = `by ${actorName(row)}`;
  const named = row.entityId ? (o.names?.get(row.entityId) ?? null) : null;
  const money = (v: unknown) => {
    const c = int(v);
    return o.showMoney && c !== null ? formatMoney(c, o.currency) : null;
  };
  const of = (v: unknown) => {
    const m = money(v);
    return m ? `of ${m}` : null;
  };
  const invoice = str(s.number) ?? named;
  const inv = (kind = 'Invoice') => join([kind, invoice]);
  const wo = str(s.workOrder) ?? (row.entityType === 'work_order' ? named : null);
  const woName = wo ? `work order ${wo}` : 'a work order';
  const asset = quoted(s.name) ?? quoted(named);
  const field = (x: unknown) => {
    const f = str(x);
    return f ? (SECRET_FIELD[f] ?? capital(words(f))) : null;
  };
  const reason = (v: unknown) => {
    const r = str(v);
    return r ? `: ${r.length > 80 ? `${r.slice(0, 80)}…` : r}` : '';
  };

  switch (row.action) {
    case 'payment.record': {
      const method = str(s.method);
      const ref = str(s.reference);
      const how = method ? ` (${join([method, ref])})` : '';
      const allocs = Array.isArray(s.allocations) ? s.allocations : [];
      const first = allocs[0] as Record<string, unknown> | undefined;
      const applied =
        allocs.length === 1 && first && str(first.invoice)
          ? `, applied to ${str(first.invoice)}`
          : allocs.length > 1
            ? `, applied to ${allocs.length} invoices`
            : '';
      return `${join(['Payment', of(s.amountCents)])}${how} recorded ${by}${applied}`;
    }
    case 'payment.void':
      return `${join(['Payment', of(s.amountCents)])} voided ${by}${reason(s.reason)}`;
    case 'payment.refund':
      return `${join(['Refund', of(s.amountCents)])} issued ${by}${reason(s.reason)}`;
    case 'payment.apply_credit':
      return `${join(['Credit', of(s.usedCents)])} applied to open invoices ${by}`;
    case 'invoice.create': {
      const total = money(s.totalCents);
      return `${invoice ? `Invoice ${invoice}` : 'Draft invoice'}${total ? ` for ${total}` : ''} created ${by}`;
    }
    case 'invoice.issue': {
      const total = money(s.totalCents);
      const due = str(s.dueDate);
      return `${inv()} issued ${by}${total ? `: ${total}` : ''}${due ? `${total ? ',' : ':'} due ${due}` : ''}`;
    }
    case 'credit_note.issue':
      return `${join([inv('Credit note'), of(s.totalCents)])} issued ${by}`;
    case 'invoice.void':
      return `${inv()} voided ${by}${reason(s.reason)}`;
    case 'credit_note.void':
      return `${inv('Credit note')} voided ${by}${reason(s.reason)}`;
    case 'invoice.send': {
      const to = str(s.to);
      if (s.status === 'failed') return `${inv()} could not be emailed${to ? ` to ${to}` : ''}`;
      if (s.status === 'skipped') return `${inv()} not emailed: no billing email address`;
      return `${inv()} emailed${to ? ` to ${to}` : ''} ${by}`;
    }
    case 'invoice.reminder': {
      const to = str(s.to);
      if (s.status === 'failed')
        return `Payment reminder for ${invoice ?? 'an invoice'} could not be emailed${to ? ` to ${to}` : ''}`;
      return `Payment reminder for ${invoice ?? 'an invoice'} emailed${to ? ` to ${to}` : ''}`;
    }
    case 'invoice.late_fee':
      return `${join(['Late fee', of(s.amountCents)])} charged on ${invoice ?? 'an overdue invoice'}`;
    case 'invoice.line_add':
      return `${join(['Line', quoted(s.description)])} added to ${invoice ? `invoice ${invoice}` : 'a draft invoice'} ${by}`;
    case 'invoice.line_remove':
      return `${join(['Line', quoted(s.description)])} removed from ${invoice ? `invoice ${invoice}` : 'a draft invoice'} ${by}`;
    case 'invoice.delete_draft':
      return `${join(['Draft invoice', of(s.totalCents)])} deleted ${by}`;
    case 'statement.send': {
      const to = str(s.to);
      if (s.status === 'failed') return `Statement could not be emailed${to ? ` to ${to}` : ''}`;
      return `Statement emailed${to ? ` to ${to}` : ''} ${by}`;
    }
    case 'checkout.create':
      return `${join(['Online payment link', money(s.amountCents) ? `for ${money(s.amountCents)}` : null])} created ${by}`;
    case 'checkout.completed':
      return `${join(['Online payment', of(s.amountCents)])} received${str(s.provider) ? ` through ${capital(str(s.provider)!)}` : ''}`;

    case 'work_order.create': {
      const n = int(s.number);
      const title = quoted(s.title);
      const label = n !== null ? woNumber(n) : named;
      const via =
        s.source === 'portal' ? ' in the portal' : s.source === 'email' ? ' by email' : '';
      return `${join(['Work order', label, title])} opened ${by}${via}`;
    }
    case 'work_order.status': {
      const to = status(s.to);
      const from = status(s.from);
      return to
        ? `${capital(woName)} moved ${from ? `from ${from} ` : ''}to ${to} ${by}`
        : `${capital(woName)} status changed ${by}`;
    }
    case 'work_order.update': {
      if ('assignedToId' in s && Object.keys(s).length === 1)
        return after(s.assignedToId)
          ? `${capital(woName)} reassigned ${by}`
          : `${capital(woName)} unassigned ${by}`;
      const fields = changedFields(s);
      return `${capital(woName)} updated ${by}${fields ? `: ${fields}` : ''}`;
    }
    case 'work_order.reply':
      return `Reply to the customer on ${woName} ${by}`;
    case 'work_order.note':
      return `Internal note on ${woName} ${by}`;
    case 'time.create': {
      const m = int(s.minutes);
      return `${m !== null ? hm(m) : 'Time'} logged on ${woName} ${by}`;
    }
    case 'time.start':
      return `Timer started on ${woName} ${by}`;
    case 'time.stop': {
      const m = int(s.minutes);
      return `Timer stopped on ${woName} ${by}${m !== null ? `: ${hm(m)}` : ''}`;
    }
    case 'time.update':
      return `Time entry changed ${by}${changedFields(s) ? `: ${changedFields(s)}` : ''}`;
    case 'time.delete': {
      const m = int(s.minutes);
      return `Time entry${m !== null ? ` of ${hm(m)}` : ''} deleted ${by}`;
    }
    case 'part.create':
      return `${join(['Part', quoted(s.description)])} added to ${woName} ${by}`;
    case 'part.delete':
      return `${join(['Part', quoted(s.description)])} removed ${by}`;

    case 'asset.create':
      return `${join(['Asset', asset])} added ${by}`;
    case 'asset.status': {
      const to = str(after(s.status));
      return `${join(['Asset', asset])} marked ${to ? words(to) : 'with a new status'} ${by}`;
    }
    case 'asset.update':
    case 'asset.bulk_update': {
      const fields = changedFields(s);
      return `${join(['Asset', asset])} updated ${by}${fields ? `: ${fields}` : ''}`;
    }
    case 'asset.import': {
      const n = int(s.count);
      return `${n !== null ? `${n} ${n === 1 ? 'asset' : 'assets'}` : 'Assets'} imported${str(s.file) ? ` from ${str(s.file)}` : ''} ${by}`;
    }
    case 'asset.service_record':
      return `Service recorded on ${join(['asset', quoted(named)])} ${by}${reason(s.description)}`;
    case 'credential.create':
      return `${join(['Credential', quoted(s.label)])} added ${by}`;
    case 'credential.update':
      return `${join(['Credential', quoted(s.label)])} changed ${by}`;
    case 'credential.delete':
      return `${join(['Credential', quoted(s.label)])} deleted ${by}`;
    case 'credential.reveal':
    case 'credential.copy': {
      const verb = row.action === 'credential.copy' ? 'copied' : 'revealed';
      const f = field(s.field);
      const label = quoted(s.label);
      return f
        ? `${f} of ${label ?? 'a credential'} ${verb} ${by}`
        : `${join(['Credential', label])} ${verb} ${by}`;
    }
    case 'document.upload':
      return `${join(['Document', quoted(s.filename)])} uploaded${str(s.asset) ? ` to ${str(s.asset)}` : ''} ${by}`;
    case 'document.delete':
      return `${join(['Document', quoted(s.filename)])} deleted ${by}`;
    case 'contact.create':
      return `${join(['Contact', str(s.name) ?? named])} added ${by}`;
    case 'contact.update': {
      const fields = changedFields(s);
      return `${join(['Contact', named])} updated ${by}${fields ? `: ${fields}` : ''}`;
    }
    case 'contact.deactivate':
      return `${join(['Contact', str(s.name) ?? named])} deactivated ${by}`;
    case 'contact.reactivate':
      return `${join(['Contact', str(s.name) ?? named])} reactivated ${by}`;
    case 'location.create':
      return `${join(['Location', quoted(s.name)])} added ${by}`;
    case 'location.update': {
      const fields = changedFields(s);
      return `${join(['Location', named])} updated ${by}${fields ? `: ${fields}` : ''}`;
    }
    case 'company.create':
      return `Company added ${by}`;
    case 'company.update': {
      const fields = changedFields(s);
      return `Company details updated ${by}${fields ? `: ${fields}` : ''}`;
    }
    case 'company.deactivate':
      return `Company deactivated ${by}`;
    case 'company.reactivate':
      return `Company reactivated ${by}`;
    case 'company.billing': {
      const fields = changedFields(s);
      return `Billing settings changed ${by}${fields ? `: ${fields}` : ''}`;
    }
    case 'company.hourly_rate': {
      const m = money(s.hourlyRateCents);
      return `Hourly rate ${m ? `set to ${m}` : 'changed'} ${by}`;
    }
    case 'company.reminders_pause':
      return `Payment reminders paused ${by}${reason(s.reason)}`;
    case 'company.reminders_resume':
      return `Payment reminders resumed ${by}`;
    case 'company_service.create':
      return `${join(['Service', quoted(s.description)])} added ${by}`;
    case 'company_service.update':
      return `${join(['Service', quoted(after(s.description)) ?? named])} changed ${by}`;
    case 'company_service.delete':
      return `${join(['Service', quoted(s.description)])} removed ${by}`;
    case 'company_service.reprice':
      return `${join(['Service', quoted(s.description) ?? named])} repriced from the catalogue ${by}`;
  }
  return genericSentence(row, named, by);
}

/** "work_order.escalate" -> "Work order WO-01042 escalate by Ann Lee": readable, if plain. */
function genericSentence(row: ActivityRow, named: string | null, by: string): string {
  const [entity, ...rest] = row.action.split('.');
  const verb = rest.length ? words(rest.join(' ')) : 'changed';
  return `${join([capital(words(entity)), named])} ${verb} ${by}`;
}
