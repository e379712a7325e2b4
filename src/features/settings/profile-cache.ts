// The business name shows on every page; reading it once per request would be a query per page
// for a value that changes a few times a year. Cached per database for a few seconds, so another
// instance's edit shows up quickly too; this instance's edits clear it at once.
import type { Db } from '../../db/database.ts';
import { findProfile, type BusinessProfile } from './queries.ts';

const TTL_MS = 10_000;
const cache = new WeakMap<Db, { at: number; value: BusinessProfile | null }>();

export async function getProfileCached(db: Db): Promise<BusinessProfile | null> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = await findProfile(db);
  cache.set(db, { at: Date.now(), value });
  return value;
}

export const clearProfileCache = (db: Db) => cache.delete(db);
