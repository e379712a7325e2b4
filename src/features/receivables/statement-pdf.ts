// Lays out a statement as a Letter-size PDF (pdfkit, built-in Helvetica). Pure: it prints the
// figures buildStatement computed and adds nothing up itself. Long statements continue on further
// pages with the table header repeated; page numbers at the foot.
import PDFDocument from 'pdfkit';
import { formatMoney } from '../../lib/money.ts';
import { BUCKETS, BUCKET_LABELS, type AgingTotals } from '../payments/aging.ts';
import { longDate } from '../invoices/pdf-render.ts';
import type { Statement } from './statement-types.ts';

export type StatementBusiness = {
  name: string;
  address: string | null;
  email: string | null;
  phone: string | null;
  logo: Buffer | null;
};

const PAGE_W = 612;
const PAGE_H = 792;
const LEFT = 48;
const RIGHT = PAGE_W - 48;
const WIDTH = RIGHT - LEFT;
const BOTTOM = PAGE_H - 60;
const INK = '#1f2933';
const MUTED = '#66717d';
const ACCENT = '#1d4e89';
const RULE = '#cfd6de';
const SHADE = '#eef2f6';
const COLS = {
  date: LEFT + 6,
  desc: LEFT + 84,
  descW: 250,
  amount: LEFT + 340,
  amountW: 80,
  balance: LEFT + 426,
  balanceW: WIDTH - 432,
};

// The standard PDF fonts only know Windows-1252.
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const printable = (s: string) =>
  s.replace(/[^\t\n\x20-\x7e\xa0-\xff]/g, (ch) => (WIN_ANSI_EXTRA.includes(ch) ? ch : '?'));

export async function renderStatementPdf(
  s: Statement,
  business: StatementBusiness,
): Promise<Buffer> {
  const money = (c: number) => formatMoney(c, s.currency);
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 0,
    bufferPages: true,
    info: {
      Title: printable(`Statement ${s.from} to ${s.to} — ${s.company.name}`),
      ...(business.name ? { Author: printable(business.name) } : {}),
      Creator: 'SupportTracker',
      CreationDate: new Date(`${s.to}T12:00:00Z`),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const text = (
    str: string,
    x: number,
    y: number,
    o: PDFKit.Mixins.TextOptions & { size?: number; bold?: boolean; color?: string } = {},
  ) => {
    const { size = 9, bold = false, color = INK, ...opts } = o;
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(size)
      .fillColor(color)
      .text(printable(str), x, y, { lineBreak: opts.width !== undefined, ...opts });
  };
  const heightOf = (str: string, width: number, size = 9) =>
    doc.font('Helvetica').fontSize(size).heightOfString(printable(str), { width });
  const rule = (y: number, color = RULE) =>
    doc.moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(0.75).strokeColor(color).stroke();

  // Letterhead: logo and the business on the left, the title and period on the right.
  let y = 44;
  let textX = LEFT;
  if (business.logo) {
    try {
      doc.image(business.logo, LEFT, y, { fit: [120, 56] });
      textX = LEFT + 132;
    } catch {
      textX = LEFT; // an unreadable logo never stops a statement
    }
  }
  if (business.name) text(business.name, textX, y, { size: 14, bold: true, width: 260 });
  const contact = [business.address, [business.email, business.phone].filter(Boolean).join(' · ')]
    .filter(Boolean)
    .join('\n');
  if (contact) text(contact, textX, y + 20, { width: 260, color: MUTED });
  text('STATEMENT', RIGHT - 200, y, {
    size: 18,
    bold: true,
    color: ACCENT,
    width: 200,
    align: 'right',
  });
  text(`${longDate(s.from)} – ${longDate(s.to)}`, RIGHT - 200, y + 24, {
    width: 200,
    align: 'right',
    color: MUTED,
  });
  y = 124;
  text('STATEMENT FOR', LEFT, y, { size: 7.5, bold: true, color: MUTED });
  text([s.company.name, s.company.billingAddress ?? ''].filter(Boolean).join('\n'), LEFT, y + 11, {
    width: 260,
  });
  // Summary box on the right.
  doc.rect(RIGHT - 210, y - 4, 210, 52).fill(SHADE);
  text('Opening balance', RIGHT - 202, y + 2, { color: MUTED });
  text(money(s.openingCents), RIGHT - 110, y + 2, { width: 102, align: 'right' });
  text(`Balance due on ${longDate(s.to)}`, RIGHT - 202, y + 20, { bold: true });
  text(money(s.closingCents), RIGHT - 110, y + 20, {
    width: 102,
    align: 'right',
    bold: true,
    size: 11,
  });
  y =
    Math.max(
      y + 11 + heightOf([s.company.name, s.company.billingAddress ?? ''].join('\n'), 260),
      y + 56,
    ) + 16;

  const header = () => {
    doc.rect(LEFT, y, WIDTH, 18).fill(SHADE);
    text('Date', COLS.date, y + 5, { bold: true, size: 8 });
    text('Description', COLS.desc, y + 5, { bold: true, size: 8 });
    text('Amount', COLS.amount, y + 5, {
      bold: true,
      size: 8,
      width: COLS.amountW,
      align: 'right',
    });
    text('Balance', COLS.balance, y + 5, {
      bold: true,
      size: 8,
      width: COLS.balanceW,
      align: 'right',
    });
    y += 22;
  };
  const room = (h: number) => {
    if (y + h <= BOTTOM) return;
    doc.addPage();
    y = 48;
    header();
  };
  header();
  const row = (
    date: string,
    desc: string,
    detail: string[],
    amount: string,
    balance: string,
    bold = false,
  ) => {
    const body = [desc, ...detail.map((d) => `   ${d}`)].join('\n');
    const h = Math.max(12, heightOf(body, COLS.descW)) + 4;
    room(h);
    text(date, COLS.date, y, { bold });
    text(desc, COLS.desc, y, { width: COLS.descW, bold });
    if (detail.length)
      text(detail.map((d) => `   ${d}`).join('\n'), COLS.desc, y + heightOf(desc, COLS.descW), {
        width: COLS.descW,
        color: MUTED,
        size: 8,
      });
    text(amount, COLS.amount, y, { width: COLS.amountW, align: 'right', bold });
    text(balance, COLS.balance, y, { width: COLS.balanceW, align: 'right', bold });
    y += h;
    rule(y - 2);
  };
  row(s.from, 'Opening balance', [], '', money(s.openingCents), true);
  for (const e of s.entries)
    row(e.date, e.description, e.detail, money(e.amountCents), money(e.balanceCents));
  if (s.entries.length === 0)
    row('', 'No invoices, credits or payments in this period', [], '', '');
  row(s.to, 'Closing balance', [], '', money(s.closingCents), true);

  // Aging summary: how the open invoices on the closing date fall by days past due.
  room(60);
  y += 10;
  text(`Open invoices on ${longDate(s.to)} by days past due`, LEFT, y, { bold: true, size: 8.5 });
  y += 14;
  const cols = [
    ...BUCKETS.map((b) => [BUCKET_LABELS[b], s.aging[`${b}Cents` as keyof AgingTotals]] as const),
    ['Unapplied credit', s.unappliedCreditCents === 0 ? 0 : -s.unappliedCreditCents] as const,
    ['Balance due', s.closingCents] as const,
  ];
  const w = WIDTH / cols.length;
  cols.forEach(([label, cents], i) => {
    text(label, LEFT + i * w, y, { width: w - 4, align: 'right', size: 7.5, color: MUTED });
    text(money(cents), LEFT + i * w, y + 11, {
      width: w - 4,
      align: 'right',
      bold: i === cols.length - 1,
    });
  });

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    text(`Page ${i + 1} of ${range.count}`, LEFT, PAGE_H - 36, {
      width: WIDTH,
      align: 'center',
      size: 7.5,
      color: MUTED,
    });
  }
  doc.end();
  return done;
}
