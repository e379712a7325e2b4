// One schema per work order input, shared by the HTML forms and the JSON API, plus the form mappers.
import { z } from 'zod';
import { isCalendarDate } from '../../lib/dates.ts';
import { WO_BILLING, WO_PRIORITIES, WO_STATUSES } from './transitions.ts';

const optionalId = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v : null));
const optionalDate = (label: string) =>
  z
    .string({ message: `${label} must be a date (YYYY-MM-DD)` })
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isCalendarDate(v), `${label} must be a date (YYYY-MM-DD)`);
const idList = z
  .union([z.string(), z.array(z.string())], { message: 'assetIds must be a list of asset ids' })
  .nullish()
  .transform((v) => [
    ...new Set((Array.isArray(v) ? v : v ? [v] : []).map((s) => s.trim()).filter(Boolean)),
  ]);

const fields = {
  contactId: optionalId,
  assetIds: idList,
  title: z
    .string({ message: 'Title is required' })
    .trim()
    .min(1, 'Title is required')
    .max(200, 'Title must be at most 200 characters'),
  description: z
    .string({ message: 'Description must be text' })
    .trim()
    .max(20_000, 'Description must be at most 20,000 characters')
    .nullish()
    .transform((v) => (v ? v : null)),
  priority: z.enum(WO_PRIORITIES, { message: 'Priority must be low, normal, high or urgent' }),
  assignedToId: optionalId,
  scheduledFor: optionalDate('Scheduled date'),
  dueOn: optionalDate('Due date'),
  billing: z.enum(WO_BILLING, { message: 'Billing must be contract, billable or no_charge' }),
};

export const CreateWorkOrderInput = z.object({
  ...fields,
  companyId: z.string({ message: 'Choose a company' }).trim().min(1, 'Choose a company'),
  priority: fields.priority.default('normal'),
  billing: fields.billing.optional(),
});
export type CreateWorkOrderInput = z.infer<typeof CreateWorkOrderInput>;
export const UpdateWorkOrderInput = z.object(fields).partial();
export type UpdateWorkOrderInput = z.infer<typeof UpdateWorkOrderInput>;

export const StatusInput = z.object({
  status: z.enum(WO_STATUSES, { message: 'Unknown status' }),
  note: z
    .string()
    .trim()
    .max(5000, 'Note must be at most 5,000 characters')
    .nullish()
    .transform((v) => (v ? v : null)),
});
export const AssignInput = z.object({ assignedToId: optionalId });
export const CommentInput = z.object({
  body: z
    .string({ message: 'Write something' })
    .trim()
    .min(1, 'Write something')
    .max(20_000, 'A comment must be at most 20,000 characters'),
  visibility: z
    .enum(['internal', 'public'], { message: 'Visibility must be internal or public' })
    .default('internal'),
});

/**
 * The list's orders. urgency (the default): open before the rest, then due date (overdue first
 * among open work orders, none last), then priority, then oldest; served by the work_orders_urgency
 * index (migration 0014). Each has a natural direction, used when the query names none.
 */
export const WO_SORTS = ['urgency', 'number', 'priority', 'due', 'updated'] as const;
export type WoSort = (typeof WO_SORTS)[number];
export const DEFAULT_DIR: Record<WoSort, 'asc' | 'desc'> = {
  urgency: 'asc',
  number: 'desc',
  priority: 'desc',
  due: 'asc',
  updated: 'desc',
};
const blank = (v: unknown) => (v === '' ? undefined : v);
export const ListWorkOrdersQuery = z
  .object({
    q: z.string().trim().max(200).optional().default(''),
    company: z.string().trim().max(200).optional().default(''),
    companyId: z.preprocess(blank, z.string().max(64).optional()),
    assetId: z.preprocess(blank, z.string().max(64).optional()),
    status: z.preprocess(
      blank,
      z
        .enum(['open', 'all', ...WO_STATUSES], { message: 'Unknown status' })
        .optional()
        .default('open'),
    ),
    priority: z.preprocess(
      blank,
      z.enum(WO_PRIORITIES, { message: 'Unknown priority' }).optional(),
    ),
    assignedTo: z.preprocess(blank, z.string().max(64).optional()),
    overdue: z.preprocess(blank, z.enum(['1']).optional()),
    mine: z.preprocess(blank, z.enum(['1']).optional()),
    sort: z.preprocess(blank, z.enum(WO_SORTS).optional().default('urgency')),
    dir: z.preprocess(blank, z.enum(['asc', 'desc']).optional()),
    page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
    size: z.coerce
      .number()
      .int()
      .refine((n) => [25, 50, 100].includes(n), 'size must be 25, 50 or 100')
      .optional()
      .default(50),
  })
  .transform((q) => ({ ...q, dir: q.dir ?? DEFAULT_DIR[q.sort] }));
export type ListWorkOrdersQuery = z.infer<typeof ListWorkOrdersQuery>;

export const ApiListQuery = z.object({
  q: z.string().trim().max(200).optional().default(''),
  companyId: z.string().max(64).optional(),
  status: z
    .enum(['open', 'all', ...WO_STATUSES], {
      message: 'status must be open, all or a work order status',
    })
    .optional()
    .default('all'),
  assignedTo: z.string().max(64).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1, 'limit must be 1–200')
    .max(200, 'limit must be 1–200')
    .optional()
    .default(50),
  cursor: z.string().max(200).optional(),
});

type Form = Record<string, string | string[] | undefined>;
const s = (f: Form, k: string) => (typeof f[k] === 'string' ? (f[k] as string) : undefined);

/** HTML form strings -> the API's shape. */
export function formToWorkOrderInput(f: Form): Record<string, unknown> {
  return {
    companyId: s(f, 'companyId'),
    contactId: s(f, 'contactId'),
    assetIds: f.assetIds,
    title: s(f, 'title'),
    description: s(f, 'description'),
    priority: s(f, 'priority') || undefined,
    assignedToId: s(f, 'assignedToId'),
    scheduledFor: s(f, 'scheduledFor'),
    dueOn: s(f, 'dueOn'),
    billing: s(f, 'billing') || undefined,
  };
}
