// Shared pieces of the invoice PDF: page geometry, colours, the input it is drawn from and the
// small text formatters also used by the email and the accounting export.
import type { InvoiceWithLines } from './queries.ts';
import type { InvoiceSettings } from './settings.ts';

export type PdfBusiness = {
  /** '' when no business profile exists yet: every line that would print it is left out. */
  name: string;
  address: string | null;
  email: string | null;
  phone: string | null;
  logo: Buffer | null;
};
export type PdfInput = {
  invoice: InvoiceWithLines;
  business: PdfBusiness;
  settings: InvoiceSettings;
  creditForNumber: string | null;
};
export type TextFn = (
  s: string,
  x: number,
  y: number,
  o?: PDFKit.Mixins.TextOptions & { size?: number; bold?: boolean; color?: string },
) => void;

export const PAGE_W = 612;
export const PAGE_H = 792;
export const LEFT = 48;
export const RIGHT = PAGE_W - 48;
export const WIDTH = RIGHT - LEFT;
export const BOTTOM = PAGE_H - 54; // content stops here; the page number sits below
export const STUB_H = 150;
export const STUB_TOP = PAGE_H - 40 - STUB_H;

export const INK = '#1f2933';
export const MUTED = '#66717d';
export const ACCENT = '#1d4e89';
export const RULE = '#cfd6de';
export const SHADE = '#eef2f6';

/** "2026-12-31" -> "Dec 31, 2026" (a calendar date: no time zone shift). */
export function longDate(date: string | null): string {
  if (!date) return '—';
  const [y, m, d] = date.split('-').map(Number);
  return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${d}, ${y}`;
}

export const termsLabel = (days: number) => (days === 0 ? 'Due on receipt' : `Net ${days}`);

/** The file name a PDF is offered under: the number, or draft-<id> before it has one. */
export const pdfFilename = (inv: { id: string; number: string | null }) =>
  `${inv.number ?? `draft-${inv.id}`}.pdf`;

// The standard PDF fonts only know Windows-1252; anything else would print as garbage.
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
export const printable = (s: string) =>
  s.replace(/[^\t\n\x20-\x7e\xa0-\xff]/g, (ch) => (WIN_ANSI_EXTRA.includes(ch) ? ch : '?'));
