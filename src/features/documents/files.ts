// Pure rules for stored files. Guarantees: a stored filename never carries a path, control or
// direction-override characters and is at most 200 characters (it is only ever a label: bytes are
// stored under their sha256); only PNG/JPEG/GIF/WebP images and PDFs whose bytes match their
// declared type are shown inline; everything else is a download, and types a browser could run
// (HTML, SVG, XML, scripts, any text) are sent as application/octet-stream.

const MAX_NAME = 200;

/** A readable, harmless name: the last path segment, without control characters or Windows-reserved ones. */
export function safeFilename(raw: string): string {
  let name = raw.normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  // Cc: control characters; Cf: format characters such as U+202E, which can disguise an extension;
  // Cs: lone surrogates, which no encoder accepts.
  name = name
    .replace(/\s+/g, ' ')
    .replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, '')
    .replace(/[<>:"|?*]/g, '_');
  name = name
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '')
    .trim();
  if (!name) return 'unnamed';
  if (Array.from(name).length <= MAX_NAME) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  // Cut by code point so an emoji is never split in half.
  return (
    Array.from(name)
      .slice(0, MAX_NAME - ext.length)
      .join('') + ext
  );
}

/** The declared type reduced to "type/subtype" in lower case; anything malformed is octet-stream. */
export function normalizeContentType(raw: string | undefined): string {
  const essence = (raw ?? '').split(';')[0].trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,40}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,50}$/.test(essence)
    ? essence
    : 'application/octet-stream';
}

const MAGIC: Record<string, (d: Buffer) => boolean> = {
  'image/png': (d) =>
    d.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (d) => d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff,
  'image/gif': (d) => ['GIF87a', 'GIF89a'].includes(d.subarray(0, 6).toString('latin1')),
  'image/webp': (d) =>
    d.subarray(0, 4).toString('latin1') === 'RIFF' &&
    d.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (d) => d.subarray(0, 5).toString('latin1') === '%PDF-',
};

/** The type to show inline, or null when the file must be downloaded. */
export function inlineType(contentType: string, data: Buffer): string | null {
  const check = MAGIC[contentType];
  return check?.(data) ? contentType : null;
}

const ACTIVE = /^(text\/|image\/svg|multipart\/)|html|[/+]xml$|javascript|ecmascript|[/+]json$/;

/** The Content-Type of a download: the stored type, unless a browser could render or run it. */
export const attachmentType = (contentType: string) =>
  ACTIVE.test(contentType) ? 'application/octet-stream' : contentType;

/** How to send a file: inline as its image/PDF type, or as an attachment; a file whose bytes belie its image/PDF type is octet-stream. */
export function servedAs(
  contentType: string,
  data: Buffer,
): { type: string; disposition: 'inline' | 'attachment' } {
  const inline = inlineType(contentType, data);
  if (inline) return { type: inline, disposition: 'inline' };
  return {
    type: MAGIC[contentType] ? 'application/octet-stream' : attachmentType(contentType),
    disposition: 'attachment',
  };
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the exact UTF-8 name (RFC 8187). */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = safeFilename(filename).replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Where the bytes live: by content hash, so identical files are stored once. */
export const storageKey = (sha256: string) => `documents/${sha256.slice(0, 2)}/${sha256.slice(2)}`;

/** 1536 -> "1.5 KB", for people reading a list. */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let n = bytes / 1024;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i += 1;
  }
  return `${n >= 100 ? Math.round(n) : Math.round(n * 10) / 10} ${units[i]}`;
}
