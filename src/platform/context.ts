// What every service call receives: the database, who is acting, and the app's collaborators.
import type { Config } from '../config.ts';
import type { Keyring } from '../lib/crypto.ts';
import type { Db, Dialect } from '../db/database.ts';
import type { Actor } from './actor.ts';
import type { Mailer } from './mailer.ts';
import type { Storage } from './storage.ts';

export type Deps = {
  config: Config;
  db: Db;
  dialect: Dialect;
  mailer: Mailer;
  storage: Storage;
  keyring: Keyring;
  log: Logger;
};
export type Logger = {
  info: (obj: object | string, msg?: string) => void;
  warn: (obj: object | string, msg?: string) => void;
  error: (obj: object | string, msg?: string) => void;
};
export type Ctx = Deps & { actor: Actor; ip?: string };

export const withActor = (deps: Deps, actor: Actor, ip?: string): Ctx => ({ ...deps, actor, ip });
