import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { memoryMailer } from '../../../test/support/app.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../platform/errors.ts';
import { addComment } from './comments.ts';
import { changeStatus, createWorkOrder, getWorkOrder, updateWorkOrder } from './service.ts';
import { customer, staff } from './test-helpers.ts';

describe.each(DIALECTS)('work order service on %s', (dialect) => {
  const mailer = memoryMailer();
  const suite = useAppSuite(dialect, { deps: { mailer }, app: false });

  beforeEach(async () => {
    mailer.sent.length = 0;
  });

  it('numbers 20 concurrent creations 1..20 with no gaps or duplicates', async () => {
    const { ctx } = await staff(suite.deps, 'technician');
    const c = await customer(suite.deps, 'Riverside Dental');
    const made = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createWorkOrder(ctx, { companyId: c.company.id, title: `Job ${i}` }),
      ),
    );
    expect(made.map((w) => w.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const counter = await suite.db
      .selectFrom('counters')
      .select('value')
      .where('name', '=', 'work_order')
      .executeTakeFirstOrThrow();
    expect(Number(counter.value)).toBe(20);
  });

  it('defaults billing from the company and lets it be overridden', async () => {
    const { ctx } = await staff(suite.deps, 'admin');
    const contract = await customer(suite.deps, 'Contract Co', { monthlyRateCents: 150000 });
    const adhoc = await customer(suite.deps, 'Adhoc Co');
    expect(
      (await createWorkOrder(ctx, { companyId: contract.company.id, title: 'A' })).billing,
    ).toBe('contract');
    expect((await createWorkOrder(ctx, { companyId: adhoc.company.id, title: 'B' })).billing).toBe(
      'billable',
    );
    expect(
      (
        await createWorkOrder(ctx, {
          companyId: contract.company.id,
          title: 'C',
          billing: 'no_charge',
        })
      ).billing,
    ).toBe('no_charge');
  });

  it('refuses another company’s contact and asset, and a non-technician assignee', async () => {
    const { ctx } = await staff(suite.deps, 'admin');
    const { user: biller } = await staff(suite.deps, 'billing');
    const a = await customer(suite.deps, 'Alpha');
    const b = await customer(suite.deps, 'Beta');
    const err = await createWorkOrder(ctx, {
      companyId: a.company.id,
      title: 'X',
      contactId: b.contact.id,
      assetIds: [a.asset.id, b.asset.id],
      assignedToId: biller.id,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).errors.map((e) => e.path).sort()).toEqual([
      'assetIds',
      'assignedToId',
      'contactId',
    ]);
    expect(await suite.db.selectFrom('work_orders').select('id').execute()).toHaveLength(0);
  });

  it('scopes a lookup by company: another company’s work order is not found', async () => {
    const { ctx } = await staff(suite.deps, 'admin');
    const a = await customer(suite.deps, 'Alpha');
    const b = await customer(suite.deps, 'Beta');
    const wo = await createWorkOrder(ctx, { companyId: a.company.id, title: 'X' });
    await expect(getWorkOrder(ctx, wo.id, b.company.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      changeStatus(ctx, wo.id, { status: 'in_progress' }, b.company.id),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a read-only user creating, and a disallowed transition with both statuses named', async () => {
    const { ctx: ro } = await staff(suite.deps, 'readonly');
    const { ctx } = await staff(suite.deps, 'technician');
    const a = await customer(suite.deps, 'Alpha');
    await expect(
      createWorkOrder(ro, { companyId: a.company.id, title: 'X' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const wo = await createWorkOrder(ctx, { companyId: a.company.id, title: 'X' });
    const err = await changeStatus(ctx, wo.id, { status: 'closed' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toContain('cannot go from New to Closed');
  });

  it('resolving adds a service record to each asset with the logged minutes, and keeps the status history', async () => {
    const { ctx, user } = await staff(suite.deps, 'technician');
    const a = await customer(suite.deps, 'Alpha');
    const wo = await createWorkOrder(ctx, {
      companyId: a.company.id,
      title: 'Replace disk',
      assetIds: [a.asset.id, a.asset2.id],
      assignedToId: user.id,
    });
    await changeStatus(ctx, wo.id, { status: 'in_progress' });
    const now = new Date().toISOString();
    for (const m of [30, 15]) {
      await suite.db
        .insertInto('time_entries')
        .values({
          id: `te-${m}`,
          work_order_id: wo.id,
          company_id: a.company.id,
          user_id: user.id,
          user_name: user.name,
          running_user_id: null,
          started_at: null,
          ended_at: null,
          work_date: '2026-01-01',
          minutes_raw: m,
          minutes: m,
          description: null,
          billable: 1,
          rate_cents: 0,
          cost_rate_cents: 0,
          billable_cents: 0,
          cost_cents: 0,
          invoice_id: null,
          invoiced_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    const resolved = await changeStatus(ctx, wo.id, {
      status: 'resolved',
      note: 'Swapped the SSD',
    });
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolvedAt).not.toBeNull();
    const records = await suite.db
      .selectFrom('service_records')
      .selectAll()
      .where('work_order_id', '=', wo.id)
      .orderBy('asset_id')
      .execute();
    expect(records.map((r) => r.asset_id).sort()).toEqual([a.asset.id, a.asset2.id].sort());
    for (const r of records) {
      expect(Number(r.minutes)).toBe(45);
      expect(r.performed_by_name).toBe(user.name);
      expect(r.description).toBe('WO-00001 Replace disk — Swapped the SSD');
    }
    const history = await suite.db
      .selectFrom('audit_log')
      .select(['summary'])
      .where('entity_id', '=', wo.id)
      .where('action', '=', 'work_order.status')
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(
      history
        .map((h) => JSON.parse(h.summary!) as { from: string; to: string })
        .map((s) => `${s.from}->${s.to}`),
    ).toEqual(['new->in_progress', 'in_progress->resolved']);
  });

  it('audits a field update as a diff and emails the newly assigned technician', async () => {
    const { ctx } = await staff(suite.deps, 'admin');
    const { user: tech } = await staff(suite.deps, 'technician');
    const a = await customer(suite.deps, 'Alpha');
    const wo = await createWorkOrder(ctx, { companyId: a.company.id, title: 'X', priority: 'low' });
    await updateWorkOrder(ctx, wo.id, { priority: 'urgent', assignedToId: tech.id });
    const row = await suite.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity_id', '=', wo.id)
      .where('action', '=', 'work_order.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.summary!)).toEqual({
      priority: ['low', 'urgent'],
      assignedToId: [null, tech.id],
    });
    expect(mailer.sent.map((m) => [m.to, m.subject])).toEqual([
      [tech.email, '[WO-00001] Reassigned to you: X'],
    ]);
    const log = await suite.db.selectFrom('email_log').selectAll().execute();
    expect(log.map((l) => [l.to_address, l.kind, l.status])).toEqual([
      [tech.email, 'work_order.assigned', 'sent'],
    ]);
  });

  it('emails a new work order to its technician, but not a technician who assigns it to themselves', async () => {
    const { ctx } = await staff(suite.deps, 'admin');
    const { user: tech, ctx: techCtx } = await staff(suite.deps, 'technician');
    const a = await customer(suite.deps, 'Alpha');
    await createWorkOrder(ctx, {
      companyId: a.company.id,
      title: 'Server down',
      priority: 'urgent',
      dueOn: '2026-12-01',
      description: 'Nothing boots',
      assignedToId: tech.id,
    });
    await createWorkOrder(techCtx, {
      companyId: a.company.id,
      title: 'Mine',
      assignedToId: tech.id,
    });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({
      to: tech.email,
      subject: '[WO-00001] Assigned to you: Server down',
    });
    for (const s of [
      'WO-00001: Server down',
      'Company: Alpha',
      'Priority: urgent',
      'Due: 2026-12-01',
      'Nothing boots',
      '/work-orders/',
    ])
      expect(mailer.sent[0].text).toContain(s);
  });

  it('emails public replies and status changes to the requester, never internal notes, and respects opt-out', async () => {
    const { ctx } = await staff(suite.deps, 'technician');
    const a = await customer(suite.deps, 'Alpha', { email: 'pat@alpha.test' });
    const wo = await createWorkOrder(ctx, {
      companyId: a.company.id,
      title: 'Printer jam',
      contactId: a.contact.id,
    });
    await addComment(ctx, wo.id, { body: 'Checked the logs', visibility: 'internal' });
    expect(mailer.sent).toHaveLength(0);
    await addComment(ctx, wo.id, { body: 'On my way', visibility: 'public' });
    await changeStatus(ctx, wo.id, { status: 'in_progress' });
    expect(mailer.sent.map((m) => [m.to, m.subject])).toEqual([
      ['pat@alpha.test', '[WO-00001] Printer jam'],
      ['pat@alpha.test', '[WO-00001] In progress: Printer jam'],
    ]);
    await suite.db
      .updateTable('contacts')
      .set({ email_opt_out: 1 })
      .where('id', '=', a.contact.id)
      .execute();
    await addComment(ctx, wo.id, { body: 'Done soon', visibility: 'public' });
    expect(mailer.sent).toHaveLength(2);
  });
});
