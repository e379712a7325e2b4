// Demo work orders: a few per demo company in every status, through the services (numbered,
// audited, with status history), some overdue and some due today. Requester emails are not sent:
// the demo's mailer only logs, so demo contacts at .example domains never get mail.
import { todayIn } from '../../lib/dates.ts';
import type { Ctx } from '../../platform/context.ts';
import { addDays } from '../assets/queries.ts';
import { assignableUsers, demoPicks } from './queries.ts';
import { addComment } from './comments.ts';
import { changeStatus, createWorkOrder } from './service.ts';
import type { WoPriority, WoStatus } from './transitions.ts';

type Job = {
  title: string;
  description: string;
  priority: WoPriority;
  path: WoStatus[];
  due: number | null;
  reply?: string;
};
const JOBS: Job[] = [
  {
    title: 'Printer offline at front desk',
    description: 'The front desk printer shows offline on every PC since this morning.',
    priority: 'high',
    path: ['in_progress'],
    due: -2,
    reply: 'We are looking at it remotely now.',
  },
  {
    title: 'New hire laptop setup',
    description: 'Set up a laptop, email and badge for a new employee starting Monday.',
    priority: 'normal',
    path: ['scheduled'],
    due: 3,
  },
  {
    title: 'Email not syncing on phone',
    description: 'Outlook on the owner’s iPhone stopped syncing.',
    priority: 'normal',
    path: ['in_progress', 'waiting_customer'],
    due: 0,
    reply: 'Could you tell us when the phone is on the office Wi-Fi?',
  },
  {
    title: 'Replace failing UPS battery',
    description: 'UPS in the server closet beeps: battery test failed.',
    priority: 'urgent',
    path: ['in_progress', 'waiting_parts'],
    due: -5,
  },
  {
    title: 'Slow file server',
    description: 'Opening files from the shared drive takes a minute.',
    priority: 'high',
    path: ['in_progress', 'resolved'],
    due: -10,
    reply: 'Fixed: a failing disk was rebuilding the array; replaced and rebuilt.',
  },
  {
    title: 'Quarterly patching',
    description: 'Apply OS and firmware updates across workstations and the firewall.',
    priority: 'low',
    path: ['scheduled', 'in_progress', 'resolved', 'closed'],
    due: -20,
  },
  {
    title: 'Wi-Fi drops in conference room',
    description: 'Laptops lose Wi-Fi during meetings.',
    priority: 'normal',
    path: [],
    due: 7,
  },
  {
    title: 'Old scanner request',
    description: 'Customer asked to reinstall an old scanner; no longer needed.',
    priority: 'low',
    path: ['cancelled'],
    due: null,
  },
];

export async function seedDemoWorkOrders(
  base: Ctx,
  companies: { id: string; name: string }[],
  timeZone: string,
): Promise<number> {
  const ctx: Ctx = {
    ...base,
    mailer: { configured: false, send: async () => ({ delivered: false }) },
  };
  const today = todayIn(timeZone);
  const techs = await assignableUsers(ctx.db);
  let made = 0;
  for (const [i, company] of companies.entries()) {
    const { contactId, assetIds: assets } = await demoPicks(ctx.db, company.id);
    // Three to five jobs per company, rotating through the list so every status appears.
    for (let k = 0; k < 3 + (i % 3); k++) {
      const job = JOBS[(i * 3 + k) % JOBS.length];
      const wo = await createWorkOrder(ctx, {
        companyId: company.id,
        contactId,
        title: job.title,
        description: job.description,
        priority: job.priority,
        assetIds: assets.length ? [assets[(i + k) % assets.length]] : [],
        assignedToId: techs.length && job.path.length ? techs[(i + k) % techs.length].id : null,
        dueOn: job.due === null ? null : addDays(today, job.due),
      });
      if (job.reply) await addComment(ctx, wo.id, { body: job.reply, visibility: 'public' });
      for (const status of job.path) await changeStatus(ctx, wo.id, { status });
      made++;
    }
  }
  return made;
}
