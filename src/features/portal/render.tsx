// Renders a portal page inside the portal layout: the flash message, the CSRF token, the branding
// (cached a few seconds per database, as the staff layout's business name is) and the contact.
import type { FastifyReply } from 'fastify';
import type { JSX } from 'preact';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import type { Db } from '../../db/database.ts';
import type { Flash } from '../../views/layout.tsx';
import { portalContactOf } from './context.ts';
import { type PortalBranding, portalBranding } from './queries.ts';
import { PortalLayout } from './views/layout.tsx';

const FLASH_COOKIE = 'st_flash';
const TTL_MS = 10_000;
const cache = new WeakMap<Db, { at: number; value: PortalBranding }>();

export async function brandingCached(db: Db): Promise<PortalBranding> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = await portalBranding(db);
  cache.set(db, { at: Date.now(), value });
  return value;
}

export async function portalPage(
  reply: FastifyReply,
  db: Db,
  title: string,
  body: JSX.Element,
  status = 200,
): Promise<FastifyReply> {
  const req = reply.request;
  let flash: Flash | null = null;
  const raw = req.cookies[FLASH_COOKIE];
  if (raw) {
    try {
      flash = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Flash;
    } catch {
      flash = null;
    }
    reply.clearCookie(FLASH_COOKIE, { path: '/' });
  }
  const contact = portalContactOf(req);
  const brand = await brandingCached(db);
  const html = render(
    h(PortalLayout, {
      meta: {
        title,
        csrf: reply.generateCsrf(),
        path: req.url.split('?')[0],
        brand,
        flash,
        contact: contact
          ? {
              name: contact.name,
              companyName: contact.companyName ?? '',
              flags: {
                billing: Boolean(contact.access?.billing),
                service: Boolean(contact.access?.service),
              },
              viewAs: contact.viewAs ?? null,
            }
          : null,
      },
      children: body,
    }),
  );
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>${html}`);
}
