// No staff page scrolls sideways on a phone (issue 11, part 7). With the demo world loaded, an
// administrator (who may open every staff page) crawls the app at 390 px wide: every same-origin
// page reachable by links, one visit per page kind (ids in the path count as one kind), and on each
// the document may be no wider than the viewport.
import type { Page } from '@playwright/test';
import { completeSetup, expect, test } from './fixtures.ts';

const PHONE = { width: 390, height: 844 };
const MAX_PAGES = 160;
// Downloads, sign-out and the API are not pages to look at.
const SKIP =
  /^\/(logout|api\/|openapi|health|static\/|files\/)|\.(pdf|csv|json|png|svg|ico)$|\/(pdf|csv|export|download)(\/|$)/;
const ID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|[A-Z]+-\d{4}-\d+|WO-\d+)$/i;

/** The page kind: ids and numbers in the path become ':id', so each kind is visited once. */
const kindOf = (path: string) =>
  path
    .split('/')
    .map((s) => (ID.test(s) ? ':id' : s))
    .join('/');

async function sameOriginLinks(page: Page, origin: string): Promise<string[]> {
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
  return hrefs
    .map((h) => new URL(h))
    .filter((u) => u.origin === origin && !SKIP.test(u.pathname))
    .map((u) => u.pathname + u.search);
}

test('no staff page is wider than a 390 px phone', async ({ page, app }) => {
  test.setTimeout(240_000);
  await completeSetup(page);
  await app.cli(['demo']);
  await page.setViewportSize(PHONE);

  const origin = new URL(app.url).origin;
  const seen = new Set<string>();
  const queue = ['/'];
  const tooWide: string[] = [];
  let visited = 0;
  while (queue.length && visited < MAX_PAGES) {
    const target = queue.shift()!;
    const kind = kindOf(new URL(target, origin).pathname);
    if (seen.has(kind)) continue;
    seen.add(kind);
    const res = await page.goto(target);
    if (!res?.ok() || !(res.headers()['content-type'] ?? '').includes('text/html')) continue;
    visited += 1;
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    if (scrollWidth > innerWidth) tooWide.push(`${target}: ${scrollWidth} px`);
    for (const link of await sameOriginLinks(page, origin)) queue.push(link);
  }
  console.log(`phone width: ${visited} page kinds checked at ${PHONE.width} px`);
  // The crawl must have reached the app's main areas, or it proves nothing.
  for (const k of ['/companies', '/companies/:id', '/work-orders', '/work-orders/:id', '/invoices'])
    expect([...seen], `the crawl never reached ${k}`).toContain(k);
  expect(visited).toBeGreaterThan(30);
  expect(tooWide, 'pages that scroll sideways at 390 px').toEqual([]);
});
