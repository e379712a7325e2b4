// Areas of the product that are not built yet say so plainly, with no sample data.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import type { Permission } from '../../platform/permissions.ts';
import { staffCtx } from '../../platform/web.ts';
import { EmptyState, PageHeader } from '../../views/components.tsx';

// Phone services (issue 13) now has its own pages (src/features/telephony); none is left unbuilt.
const AREAS: { path: string; title: string; permission: Permission; what: string }[] = [];

export async function placeholderRoutes(app: FastifyInstance, deps: Deps) {
  for (const area of AREAS) {
    app.get(area.path, async (req, reply) => {
      staffCtx(req, deps, area.permission);
      return reply.page(
        area.title,
        <>
          <PageHeader title={area.title} />
          <EmptyState title="Not built yet">
            <p class="mb-0">{area.what}</p>
            <p class="small">
              This area is on the way in a coming release. Nothing shown here is real data until
              then.
            </p>
          </EmptyState>
        </>,
      );
    });
  }
}
