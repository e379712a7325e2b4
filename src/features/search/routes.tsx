// Global search: the page (/search) and the type-ahead under every search box (/search/suggest, an
// HTML fragment for public/search.js). Both run the same queries (queries.ts) over the kinds the
// user's role may read; an exact work order or invoice number submitted opens that record.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { can } from '../../platform/permissions.ts';
import { renderFragment, staffCtx } from '../../platform/web.ts';
import { businessToday } from '../assets/service.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import type { Ctx } from '../../platform/context.ts';
import { exactTarget, needsToday, normalizeTerm, search, type SearchResults } from './queries.ts';
import type { PresentEnv } from './present.tsx';
import { SearchPage, Suggestions } from './views.tsx';

/** Rows per kind on the page and in the type-ahead. */
export const PAGE_LIMIT = 20;
export const TYPEAHEAD_LIMIT = 5;
/** The type-ahead answers from this many characters on (the box asks from two). */
const TYPEAHEAD_MIN = 2;

async function presentEnv(ctx: Ctx, r: SearchResults): Promise<PresentEnv> {
  const profile = await getProfileCached(ctx.db);
  return {
    today: needsToday(r) ? await businessToday(ctx) : '',
    currency: profile?.currency ?? 'USD',
  };
}

export async function searchRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/search', async (req, reply) => {
    const ctx = staffCtx(req, deps);
    const query = req.query as { q?: string; all?: string };
    const q = normalizeTerm(query.q);
    const results = await search(ctx.db, ctx.actor, q, { limit: PAGE_LIMIT, mode: 'page' });
    const target = query.all ? null : exactTarget(results);
    if (target) return reply.redirect(target, 303);
    return reply.page(
      q ? `Search: ${q}` : 'Search',
      <SearchPage
        results={results}
        env={await presentEnv(ctx, results)}
        limit={PAGE_LIMIT}
        can={{
          createCompany: can(ctx.actor, 'companies.write'),
          createWorkOrder: can(ctx.actor, 'workorders.write'),
        }}
      />,
    );
  });

  app.get('/search/suggest', async (req, reply: FastifyReply) => {
    const ctx = staffCtx(req, deps);
    const query = req.query as { q?: string; list?: string };
    const q = normalizeTerm(query.q);
    const list = /^[a-z][a-z0-9-]{0,39}$/.test(query.list ?? '') ? query.list! : 'search-list';
    if ([...q].length < TYPEAHEAD_MIN)
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send('');
    const results = await search(ctx.db, ctx.actor, q, {
      limit: TYPEAHEAD_LIMIT,
      mode: 'typeahead',
    });
    return renderFragment(
      reply,
      <Suggestions results={results} env={await presentEnv(ctx, results)} list={list} />,
    );
  });
}
