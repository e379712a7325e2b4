// Multipart files. The request body keeps each file as a Buffer (attachFieldsToBody 'keyValues',
// which the setup logo and CSV imports read); this module remembers the file's original name and
// declared type beside it, since keyValues mode drops them. A file over UPLOAD_MAX_MB is refused
// with a message naming its field and file, never handed on truncated.
import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { ValidationError } from './errors.ts';

export type UploadedFile = { field: string; filename: string; mimetype: string; data: Buffer };

const filesOf = new WeakMap<FastifyRequest, Map<string, { filename: string; mimetype: string }>>();

export const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

export class UploadTooLargeError extends ValidationError {
  override readonly status: number = 413;
  override readonly title: string = 'File too large';
  constructor(
    public readonly field: string,
    filename: string,
    maxBytes: number,
  ) {
    const message = `${filename ? `“${filename}”` : 'The file'} is larger than the upload limit of ${megabytes(maxBytes)}.`;
    super([{ path: field, message }], message);
  }
}

/** The multipart plugin's onFile: reads the file into memory (bounded by the fileSize limit). */
export function collectFile(maxBytes: number) {
  return async function onFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
    await part.toBuffer();
    // throwFileSizeLimit is off so that this, not a bare 413, names the field.
    if (part.file.truncated) throw new UploadTooLargeError(part.fieldname, part.filename, maxBytes);
    let files = filesOf.get(this);
    if (!files) {
      files = new Map();
      filesOf.set(this, files);
    }
    files.set(part.fieldname, { filename: part.filename, mimetype: part.mimetype });
  };
}

/** The file sent in a multipart field, or null when none was chosen (browsers send an empty part). */
export function uploadedFile(req: FastifyRequest, field: string): UploadedFile | null {
  const data = (req.body as Record<string, unknown> | undefined)?.[field];
  const meta = filesOf.get(req)?.get(field);
  if (!Buffer.isBuffer(data) || !meta || (data.length === 0 && !meta.filename)) return null;
  return { field, filename: meta.filename, mimetype: meta.mimetype, data };
}
