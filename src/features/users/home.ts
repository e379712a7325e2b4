// Which page "/" shows a staff user: their work queue ("My work") or the office dashboard. Each user
// may pick; until they do, a technician starts on their work and the roles that handle money
// (admin, billing, read-only) on the office dashboard.
import { z } from 'zod';
import type { Role } from '../../platform/actor.ts';

export const HOMES = ['work', 'office'] as const;
export type Home = (typeof HOMES)[number];

export const HOME_LABEL: Record<Home, string> = { work: 'My work', office: 'Office dashboard' };
/** Where each home lives besides "/". */
export const HOME_PATH: Record<Home, string> = { work: '/my-work', office: '/dashboard' };

export const isHome = (s: unknown): s is Home => (HOMES as readonly unknown[]).includes(s);

export const defaultHome = (role: Role): Home => (role === 'technician' ? 'work' : 'office');

/** The user's own choice, else their role's default. */
export const resolveHome = (choice: Home | null, role: Role): Home => choice ?? defaultHome(role);

/** The form's field: a home, or "default" (empty) to follow the role again. */
export const HomeInput = z.object({
  home: z.preprocess(
    (v) => (v === '' || v === 'default' ? null : v),
    z.enum(HOMES, { message: 'Home must be My work or Office dashboard' }).nullable(),
  ),
});
