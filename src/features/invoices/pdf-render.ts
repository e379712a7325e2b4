// Lays out one invoice or credit note as a Letter-size PDF (pdfkit, the built-in Helvetica fonts).
// Pure: it takes the invoice as stored and prints its figures; it never adds anything up itself
// except per-rate tax subtotals through totals.ts, so the PDF shows exactly what the page and the
// API show. Long line tables continue on further pages with the table header repeated; the
// remittance stub sits at the foot of the last page of an invoice (never on a credit note).
import PDFDocument from 'pdfkit';
import { formatMoney } from '../../lib/money.ts';
import { formatQuantity, formatTaxRate, taxBreakdown } from './totals.ts';
import { paymentLinkFor } from './settings.ts';
import { drawStub } from './pdf-stub.ts';
import {
  ACCENT,
  BOTTOM,
  INK,
  LEFT,
  MUTED,
  PAGE_H,
  PAGE_W,
  RIGHT,
  RULE,
  SHADE,
  STUB_TOP,
  WIDTH,
  longDate,
  printable,
  termsLabel,
  type PdfInput,
} from './pdf-layout.ts';

// Other features import these from here.
export {
  longDate,
  pdfFilename,
  termsLabel,
  type PdfBusiness,
  type PdfInput,
} from './pdf-layout.ts';

// Columns of the lines table: description wraps, the figures are right-aligned.
const COLS = {
  description: { x: LEFT + 6, w: 236 },
  quantity: { x: LEFT + 246, w: 52 },
  unit: { x: LEFT + 302, w: 82 },
  tax: { x: LEFT + 388, w: 46 },
  amount: { x: LEFT + 436, w: WIDTH - 442 },
};

export async function renderInvoicePdf(input: PdfInput): Promise<Buffer> {
  const { invoice: inv, business, settings } = input;
  const isCredit = inv.kind === 'credit_note';
  const money = (c: number) => formatMoney(c, inv.currency);
  const title = isCredit ? 'CREDIT NOTE' : 'INVOICE';
  const number = inv.number ?? 'Draft';
  const issue = inv.issueDate ? new Date(`${inv.issueDate}T12:00:00Z`) : new Date();
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 0,
    bufferPages: true,
    info: {
      Title: printable(`${isCredit ? 'Credit note' : 'Invoice'} ${number} — ${inv.billToName}`),
      ...(business.name ? { Author: printable(business.name) } : {}),
      Subject: printable(`${title} ${number}`),
      Creator: 'SupportTracker',
      CreationDate: issue,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const text = (
    s: string,
    x: number,
    y: number,
    o: PDFKit.Mixins.TextOptions & { size?: number; bold?: boolean; color?: string } = {},
  ) => {
    const { size = 9, bold = false, color = INK, ...opts } = o;
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(size)
      .fillColor(color)
      .text(printable(s), x, y, { lineBreak: opts.width !== undefined, ...opts });
  };
  const heightOf = (s: string, width: number, size = 9, bold = false) =>
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(size)
      .heightOfString(printable(s), { width });
  const rule = (y: number, x1 = LEFT, x2 = RIGHT, color = RULE, width = 0.75) =>
    doc.moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke();

  // ---- Header: the MSP on the left, the document's identity on the right.
  let leftY = 40;
  if (business.logo) {
    try {
      doc.image(business.logo, LEFT, leftY, { fit: [160, 46] });
      leftY += 52;
    } catch {
      // An unreadable logo is left out rather than failing the invoice.
    }
  }
  if (business.name) {
    text(business.name, LEFT, leftY, { size: 13, bold: true, width: 260 });
    leftY += heightOf(business.name, 260, 13, true) + 3;
  }
  const contact = [
    ...(business.address ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    business.email,
    business.phone,
  ].filter((l): l is string => Boolean(l));
  for (const l of contact) {
    text(l, LEFT, leftY, { color: MUTED, width: 260 });
    leftY += heightOf(l, 260);
  }

  text(title, 300, 38, { size: 24, bold: true, color: ACCENT, width: RIGHT - 300, align: 'right' });
  let rightY = 68;
  const status =
    inv.status === 'draft'
      ? 'DRAFT — not issued'
      : inv.status === 'void'
        ? `VOID${inv.voidReason ? ` — ${inv.voidReason}` : ''}`
        : null;
  if (status) {
    text(status, 300, rightY, {
      size: 10,
      bold: true,
      color: '#b42318',
      width: RIGHT - 300,
      align: 'right',
    });
    rightY += heightOf(status, RIGHT - 300, 10, true) + 2;
  }
  const meta: [string, string][] = [
    [isCredit ? 'Credit note no.' : 'Invoice no.', number],
    ['Issue date', longDate(inv.issueDate)],
    ...(isCredit
      ? []
      : ([
          ['Due date', longDate(inv.dueDate)],
          ['Terms', termsLabel(inv.termsDays)],
        ] as [string, string][])),
    ...(inv.periodStart && inv.periodEnd
      ? ([['Period', `${longDate(inv.periodStart)} – ${longDate(inv.periodEnd)}`]] as [
          string,
          string,
        ][])
      : []),
  ];
  rightY += 4;
  for (const [label, value] of meta) {
    text(label, 340, rightY, { color: MUTED });
    text(value, 410, rightY, { bold: label.endsWith('no.'), width: RIGHT - 410, align: 'right' });
    rightY += 13;
  }

  // ---- Bill to, and the amount that matters in a box beside it.
  let y = Math.max(leftY, rightY) + 14;
  rule(y - 8, LEFT, RIGHT, RULE, 0.5);
  const billTop = y;
  text('BILL TO', LEFT, y, { size: 8, bold: true, color: MUTED, characterSpacing: 0.8 });
  y += 13;
  text(inv.billToName, LEFT, y, { size: 11, bold: true, width: 280 });
  y += heightOf(inv.billToName, 280, 11, true) + 2;
  for (const l of [
    ...(inv.billToAddress ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
    ...(inv.billToEmail ? [inv.billToEmail] : []),
  ]) {
    text(l, LEFT, y, { width: 280 });
    y += heightOf(l, 280);
  }
  const boxX = 356;
  doc.rect(boxX, billTop, RIGHT - boxX, 58).fill(SHADE);
  const boxLabel = isCredit
    ? 'Total credit'
    : inv.status === 'void'
      ? 'Balance due (void)'
      : 'Balance due';
  text(boxLabel, boxX + 12, billTop + 10, { size: 9, color: MUTED });
  text(money(isCredit ? inv.totalCents : inv.balanceCents), boxX + 12, billTop + 24, {
    size: 20,
    bold: true,
    color: ACCENT,
    width: RIGHT - boxX - 24,
    align: 'right',
  });
  if (!isCredit && inv.dueDate)
    text(`Due ${longDate(inv.dueDate)}`, boxX + 12, billTop + 10, {
      size: 9,
      color: MUTED,
      width: RIGHT - boxX - 24,
      align: 'right',
    });
  y = Math.max(y, billTop + 58) + 12;
  if (isCredit) {
    const ref = `Credit for invoice ${input.creditForNumber ?? '(unknown)'}`;
    text(ref, LEFT, y, { size: 10, bold: true });
    y += 16;
    if (inv.notes) {
      text(`Reason: ${inv.notes}`, LEFT, y, { width: WIDTH });
      y += heightOf(`Reason: ${inv.notes}`, WIDTH) + 6;
    }
  }

  // ---- The lines table.
  const tableHeader = () => {
    doc.rect(LEFT, y, WIDTH, 20).fill(ACCENT);
    const h = { size: 8.5, bold: true, color: '#ffffff' } as const;
    text('Description', COLS.description.x, y + 6, h);
    text('Qty', COLS.quantity.x, y + 6, { ...h, width: COLS.quantity.w, align: 'right' });
    text('Unit price', COLS.unit.x, y + 6, { ...h, width: COLS.unit.w, align: 'right' });
    text('Tax', COLS.tax.x, y + 6, { ...h, width: COLS.tax.w, align: 'right' });
    text('Amount', COLS.amount.x, y + 6, { ...h, width: COLS.amount.w, align: 'right' });
    y += 20;
  };
  const continuation = () => {
    doc.addPage();
    y = 40;
    text(`${title} ${number} · ${inv.billToName} (continued)`, LEFT, y, {
      size: 9,
      bold: true,
      color: MUTED,
      width: WIDTH,
    });
    y += 20;
  };
  tableHeader();
  inv.lines.forEach((l, i) => {
    const period =
      l.periodStart && l.periodEnd ? `${longDate(l.periodStart)} – ${longDate(l.periodEnd)}` : null;
    const h = Math.max(heightOf(l.description, COLS.description.w), 10.5) + (period ? 11 : 0) + 10;
    if (y + h > BOTTOM) {
      continuation();
      tableHeader();
    }
    if (i % 2 === 1) doc.rect(LEFT, y, WIDTH, h).fill('#f8fafc');
    text(l.description, COLS.description.x, y + 5, { width: COLS.description.w });
    if (period)
      text(period, COLS.description.x, y + 5 + heightOf(l.description, COLS.description.w), {
        size: 7.5,
        color: MUTED,
      });
    text(formatQuantity(l.quantityThousandths), COLS.quantity.x, y + 5, {
      width: COLS.quantity.w,
      align: 'right',
    });
    text(money(l.unitPriceCents), COLS.unit.x, y + 5, { width: COLS.unit.w, align: 'right' });
    text(l.taxRatePpm ? formatTaxRate(l.taxRatePpm) : '—', COLS.tax.x, y + 5, {
      width: COLS.tax.w,
      align: 'right',
      color: l.taxRatePpm ? INK : MUTED,
    });
    text(money(l.amountCents), COLS.amount.x, y + 5, { width: COLS.amount.w, align: 'right' });
    y += h;
    rule(y, LEFT, RIGHT, RULE, 0.5);
  });

  // ---- Totals: every figure is a column of the invoice row (or a per-rate share of its tax).
  const rows: { label: string; value: string; strong?: boolean }[] = [
    { label: 'Subtotal', value: money(inv.subtotalCents) },
    ...taxBreakdown(inv.lines).map((t) => ({
      label: `${t.name} ${formatTaxRate(t.ratePpm)}`,
      value: money(t.taxCents),
    })),
    ...(inv.taxCents === 0 ? [{ label: 'Tax', value: money(0) }] : []),
    { label: isCredit ? 'Total credit' : 'Total', value: money(inv.totalCents), strong: true },
    ...(isCredit
      ? []
      : [
          { label: 'Payments applied', value: money(inv.paidCents ? -inv.paidCents : 0) },
          { label: 'Credits applied', value: money(inv.creditedCents ? -inv.creditedCents : 0) },
        ]),
  ];
  const totalsH = rows.length * 16 + (isCredit ? 0 : 30);

  // Notes and how to pay, in the column left of the totals.
  const NOTE_W = 268;
  // Nothing is owed on a credit note or a void invoice: no payment instructions.
  const payable = !isCredit && inv.status !== 'void';
  const link = payable ? paymentLinkFor(settings, inv) : null;
  const footerNote = inv.footer ?? settings.footerNote;
  const pay: { label: string; value: string; link?: string }[] = !payable
    ? []
    : [
        ...(settings.payableTo
          ? [{ label: 'Make checks payable to', value: settings.payableTo }]
          : []),
        ...(settings.remitAddress
          ? [
              {
                label: 'Mail payments to',
                value: settings.remitAddress
                  .split('\n')
                  .map((s) => s.trim())
                  .filter(Boolean)
                  .join(', '),
              },
            ]
          : []),
        ...(settings.bankDetails
          ? [
              {
                label: 'Bank transfer',
                value: `${settings.bankDetails
                  .split('\n')
                  .map((s) => s.trim())
                  .filter(Boolean)
                  .join(', ')}; reference ${inv.number ?? ''}`,
              },
            ]
          : []),
        ...(link ? [{ label: 'Pay online', value: link, link }] : []),
      ];
  const blocks: { heading: string; body: { label?: string; value: string; link?: string }[] }[] =
    [];
  if (inv.notes && !isCredit) blocks.push({ heading: 'Notes', body: [{ value: inv.notes }] });
  if (pay.length) blocks.push({ heading: 'How to pay', body: pay });
  if (footerNote)
    blocks.push({ heading: pay.length ? '' : 'Notes', body: [{ value: footerNote }] });
  const lineText = (p: { label?: string; value: string }) =>
    p.label ? `${p.label}: ${p.value}` : p.value;
  const blockH = (b: (typeof blocks)[number]) =>
    (b.heading ? 13 : 0) +
    b.body.reduce((sum, p) => sum + heightOf(lineText(p), NOTE_W) + 3, 0) +
    8;
  const notesH = blocks.reduce((sum, b) => sum + blockH(b), 0);

  if (y + 10 + Math.max(totalsH, notesH) > BOTTOM) continuation();
  y += 12;
  const top = y;
  const tx = 340;
  for (const r of rows) {
    text(r.label, tx + 8, y + 3, { bold: r.strong, width: 130 });
    text(r.value, tx + 130, y + 3, { bold: r.strong, width: RIGHT - tx - 138, align: 'right' });
    y += 16;
    if (r.strong) rule(y - 1, tx, RIGHT, RULE, 0.5);
  }
  if (!isCredit) {
    doc.rect(tx, y + 2, RIGHT - tx, 24).fill(ACCENT);
    text('Balance due', tx + 8, y + 9, { size: 10.5, bold: true, color: '#ffffff' });
    text(money(inv.balanceCents), tx + 130, y + 9, {
      size: 10.5,
      bold: true,
      color: '#ffffff',
      width: RIGHT - tx - 138,
      align: 'right',
    });
    y += 30;
  }
  const totalsEnd = y;
  y = top + 2;
  for (const b of blocks) {
    if (b.heading) {
      text(b.heading.toUpperCase(), LEFT, y, {
        size: 8,
        bold: true,
        color: MUTED,
        characterSpacing: 0.8,
      });
      y += 13;
    }
    for (const p of b.body) {
      if (p.label) {
        doc
          .font('Helvetica-Bold')
          .fontSize(9)
          .fillColor(INK)
          .text(printable(`${p.label}: `), LEFT, y, { continued: true, width: NOTE_W });
        doc
          .font('Helvetica')
          .fillColor(p.link ? ACCENT : INK)
          .text(printable(p.value), { link: p.link, underline: Boolean(p.link), width: NOTE_W });
      } else {
        text(p.value, LEFT, y, { width: NOTE_W, color: MUTED });
      }
      y += heightOf(lineText(p), NOTE_W) + 3;
    }
    y += 8;
  }
  y = Math.max(y, totalsEnd) + 8;

  // ---- Remittance stub at the foot of the last page.
  if (!isCredit && inv.status !== 'void') {
    if (y > STUB_TOP - 8) continuation();
    drawStub(doc, input, text);
  }

  // ---- Page numbers and the draft / void watermark on every page.
  const range = doc.bufferedPageRange();
  for (let p = 0; p < range.count; p++) {
    doc.switchToPage(range.start + p);
    if (inv.status !== 'issued') {
      doc.save();
      doc.rotate(-32, { origin: [PAGE_W / 2, PAGE_H / 2] });
      doc
        .font('Helvetica-Bold')
        .fontSize(120)
        .fillColor('#b42318', 0.09)
        .text(inv.status === 'draft' ? 'DRAFT' : 'VOID', 0, PAGE_H / 2 - 60, {
          width: PAGE_W,
          align: 'center',
          lineBreak: false,
        });
      doc.restore();
      doc.fillOpacity(1);
    }
    text(`${title} ${number}`, LEFT, PAGE_H - 30, { size: 7.5, color: MUTED });
    text(`Page ${p + 1} of ${range.count}`, LEFT, PAGE_H - 30, {
      size: 7.5,
      color: MUTED,
      width: WIDTH,
      align: 'right',
    });
  }
  doc.end();
  return done;
}
