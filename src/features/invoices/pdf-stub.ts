// The remittance stub at the foot of an invoice's last page: a dashed tear line, what the customer
// sends back with a check (customer, number, due date, amount due, an "Amount enclosed" box) and
// where the check goes.
import { formatMoney } from '../../lib/money.ts';
import {
  ACCENT,
  INK,
  LEFT,
  MUTED,
  RIGHT,
  STUB_TOP,
  WIDTH,
  longDate,
  type PdfInput,
  type TextFn,
} from './pdf-layout.ts';

export function drawStub(doc: PDFKit.PDFDocument, input: PdfInput, text: TextFn) {
  const { invoice: inv, business, settings } = input;
  const money = (c: number) => formatMoney(c, inv.currency);
  let y = STUB_TOP;
  doc.save();
  doc
    .moveTo(LEFT - 18, y)
    .lineTo(RIGHT + 18, y)
    .lineWidth(0.8)
    .dash(4, { space: 3 })
    .strokeColor(MUTED)
    .stroke();
  doc.undash();
  doc.restore();
  text('Please return this portion with your payment', LEFT, y + 6, {
    size: 7.5,
    color: MUTED,
    width: WIDTH,
    align: 'center',
  });
  y += 20;
  text('REMITTANCE', LEFT, y, { size: 10, bold: true, color: ACCENT, characterSpacing: 0.8 });
  y += 17;
  const fields: [string, string][] = [
    ['Customer', inv.billToName],
    ['Invoice number', inv.number ?? 'Draft'],
    ['Due date', longDate(inv.dueDate)],
    ['Amount due', money(inv.balanceCents)],
  ];
  let ly = y;
  for (const [label, value] of fields) {
    text(label, LEFT, ly, { color: MUTED });
    text(value, LEFT + 90, ly, {
      bold: label === 'Amount due' || label === 'Invoice number',
      width: 170,
    });
    ly += 16;
  }
  // Amount enclosed: a box to write in.
  const bx = 330;
  text('Amount enclosed', bx, y, { color: MUTED });
  doc
    .rect(bx, y + 12, RIGHT - bx, 26)
    .lineWidth(0.9)
    .strokeColor(INK)
    .stroke();
  text('$', bx + 8, y + 20, { size: 11, color: MUTED });
  let ry = y + 48;
  // Without a payee (no "payable to" setting and no business name) the line is left out rather
  // than naming someone who is not the business.
  const payable = settings.payableTo ?? (business.name || null);
  if (payable) {
    text(`Make checks payable to: ${payable}`, bx, ry, { bold: true, width: RIGHT - bx });
    ry += 14;
  }
  const remit = settings.remitAddress ?? business.address;
  if (remit) {
    text('Remit to:', bx, ry, { color: MUTED });
    const lines = [
      ...(payable ? [payable] : []),
      ...remit
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
    ];
    let yy = ry;
    for (const l of lines.slice(0, 5)) {
      text(l, bx + 48, yy, { width: RIGHT - bx - 48 });
      yy += 11;
    }
  }
}
