// What every service call receives: the database, who is acting, and the app's collaborators.
import type { Config } from './app-config.ts';
import type { Keyring } from '../lib/crypto.ts';
import type { Db, Dialect } from '../db/database.ts';
import type { Actor } from './actor.ts';
import type { Mailer } from './mailer.ts';
import type { Logger } from './logger.ts';
import type { Storage } from './storage.ts';

export type { Logger };

export type Deps = {
  config: Config;
  db: Db;
  dialect: Dialect;
  mailer: Mailer;
  storage: Storage;
  keyring: Keyring;
  log: Logger;
};
export type Ctx = Deps & { actor: Actor; ip?: string };

export const withActor = (deps: Deps, actor: Actor, ip?: string): Ctx => ({ ...deps, actor, ip });
