import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  attachmentType,
  contentDisposition,
  humanSize,
  inlineType,
  normalizeContentType,
  safeFilename,
  servedAs,
  storageKey,
} from './files.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('safeFilename', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..\\x.txt', 'x.txt'],
    ['C:\\Users\\bob\\Desktop\\Q3 plan.xlsx', 'Q3 plan.xlsx'],
    ['..', 'unnamed'],
    ['', 'unnamed'],
    ['   ', 'unnamed'],
    ['.htaccess', 'htaccess'],
    ['trailing dots...', 'trailing dots'],
    ['a\u0000b\u001fc\u007f.txt', 'abc.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['what?<is>"this"|*.txt', 'what__is__this___.txt'],
    ['tab\tand\nnewline.txt', 'tab and newline.txt'],
    ['Übersicht Netzwerk 🖧.pdf', 'Übersicht Netzwerk 🖧.pdf'],
  ])('%j -> %j', (raw, expected) => {
    expect(safeFilename(raw)).toBe(expected);
  });

  it('caps the length at 200 characters and keeps the extension', () => {
    const name = safeFilename(`${'a'.repeat(300)}.docx`);
    expect(name).toHaveLength(200);
    expect(name.endsWith('.docx')).toBe(true);
    expect(Array.from(safeFilename('😀'.repeat(300)))).toHaveLength(200);
  });

  it('never yields a path, a control character or an empty name, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (raw) => {
        const name = safeFilename(raw);
        expect(name.length).toBeGreaterThan(0);
        expect(Array.from(name).length).toBeLessThanOrEqual(200);
        expect(name).not.toMatch(/[/\\\p{Cc}\p{Cf}]/u);
        expect(name.startsWith('.')).toBe(false);
        expect(() => contentDisposition('attachment', name)).not.toThrow();
      }),
    );
  });
});

describe('content types', () => {
  it('keeps type/subtype and turns anything odd into octet-stream', () => {
    expect(normalizeContentType('Text/HTML; charset=utf-8')).toBe('text/html');
    expect(normalizeContentType('image/png')).toBe('image/png');
    expect(normalizeContentType('')).toBe('application/octet-stream');
    expect(normalizeContentType(undefined)).toBe('application/octet-stream');
    expect(normalizeContentType('text/html\r\nX-Evil: 1')).toBe('application/octet-stream');
    expect(normalizeContentType('nonsense')).toBe('application/octet-stream');
  });

  it('shows inline only images and PDFs whose bytes match their type', () => {
    expect(inlineType('image/png', PNG)).toBe('image/png');
    expect(inlineType('application/pdf', Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(inlineType('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(inlineType('image/gif', Buffer.from('GIF89a...'))).toBe('image/gif');
    expect(inlineType('image/webp', Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    // An HTML page that claims to be a PNG is not shown.
    expect(inlineType('image/png', Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(inlineType('text/html', Buffer.from('<html>'))).toBeNull();
    expect(inlineType('image/svg+xml', Buffer.from('<svg onload="alert(1)"/>'))).toBeNull();
  });

  it('downloads anything a browser could render or run as octet-stream', () => {
    for (const t of [
      'text/html',
      'text/plain',
      'image/svg+xml',
      'application/xhtml+xml',
      'application/xml',
      'application/javascript',
      'text/javascript',
      'application/json',
    ]) {
      expect(attachmentType(t), t).toBe('application/octet-stream');
    }
    expect(attachmentType('application/zip')).toBe('application/zip');
    expect(servedAs('image/png', PNG)).toEqual({ type: 'image/png', disposition: 'inline' });
    expect(servedAs('image/png', Buffer.from('<html>'))).toEqual({
      type: 'application/octet-stream',
      disposition: 'attachment',
    });
    expect(servedAs('text/html', Buffer.from('<html>'))).toEqual({
      type: 'application/octet-stream',
      disposition: 'attachment',
    });
    expect(servedAs('application/zip', Buffer.from('PK'))).toEqual({
      type: 'application/zip',
      disposition: 'attachment',
    });
    expect(
      attachmentType('application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
    ).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('attachment', 'Übersicht "Q3".pdf')).toBe(
      `attachment; filename="_bersicht _Q3_.pdf"; filename*=UTF-8''%C3%9Cbersicht%20%22Q3%22.pdf`,
    );
    expect(contentDisposition('inline', "it's (1).png")).toBe(
      `inline; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`,
    );
  });
});

describe('storageKey and humanSize', () => {
  it('stores by hash under documents/', () => {
    expect(storageKey('ab'.repeat(32))).toBe(`documents/ab/${'ab'.repeat(31)}`);
  });
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [1024 * 1024, '1 MB'],
    [25 * 1024 * 1024, '25 MB'],
    [150 * 1024 * 1024, '150 MB'],
    [3 * 1024 ** 3, '3 GB'],
  ])('%d bytes -> %s', (n, s) => expect(humanSize(n)).toBe(s));
});
