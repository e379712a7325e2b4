// The business logo: PNG or JPEG only (checked by content, not by name), at most 1 MiB.
import type { Storage } from '../../platform/storage.ts';
import { ValidationError } from '../../platform/errors.ts';
import { newId } from '../../lib/ids.ts';

export function logoType(data: Buffer): 'image/png' | 'image/jpeg' | null {
  if (
    data.length > 8 &&
    data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff)
    return 'image/jpeg';
  return null;
}

/** Stores an uploaded logo and returns its storage key; null when no file was chosen. */
export async function storeLogo(storage: Storage, upload: unknown): Promise<string | null> {
  if (!Buffer.isBuffer(upload) || upload.length === 0) return null;
  if (upload.length > 1024 * 1024)
    throw new ValidationError([{ path: 'logo', message: 'The logo must be at most 1 MB' }]);
  const type = logoType(upload);
  if (!type)
    throw new ValidationError([{ path: 'logo', message: 'The logo must be a PNG or JPEG image' }]);
  const key = `logos/${newId()}.${type === 'image/png' ? 'png' : 'jpg'}`;
  await storage.put(key, upload);
  return key;
}
