// Opaque keyset cursors for the JSON API: base64url of the sort key tuple. A cursor the API did not
// hand out is a 400 naming `cursor`, never a server error.
import { ValidationError } from '../../platform/errors.ts';

export const encodeCursor = (parts: string[]) =>
  Buffer.from(JSON.stringify(parts)).toString('base64url');

export function decodeCursor(cursor: string, n: number): string[] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'string'))
      return v as string[];
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError([
    { path: 'cursor', message: 'cursor is not one this API returned; start again without it' },
  ]);
}
