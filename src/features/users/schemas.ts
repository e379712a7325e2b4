import { z } from 'zod';
import { ROLES } from '../../platform/actor.ts';
import { MIN_PASSWORD_LENGTH } from '../../platform/passwords.ts';

export const email = z
  .string({ message: 'Email is required' })
  .trim()
  .toLowerCase()
  .max(255, 'Email is too long')
  .pipe(z.email({ message: 'Enter an email address like name@example.com' }));

export const password = z
  .string({ message: 'Password is required' })
  .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'Password is too long');

export const personName = z
  .string({ message: 'Name is required' })
  .trim()
  .min(1, 'Name is required')
  .max(200, 'Name is too long');

export const role = z.enum(ROLES, { message: `Role must be one of ${ROLES.join(', ')}` });

export const CreateUserInput = z.object({ email, name: personName, role, password });
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const InviteUserInput = z.object({ email, name: personName, role });
export type InviteUserInput = z.infer<typeof InviteUserInput>;

export const ChangeRoleInput = z.object({ role });

export const ChangePasswordInput = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password'),
    newPassword: password,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two new passwords do not match',
  });

/** GET /api/v1/users: filters and the page. */
export const ListUsersQuery = z.object({
  role: z.enum(ROLES, { message: `role must be one of ${ROLES.join(', ')}` }).optional(),
  active: z
    .enum(['true', 'false'], { message: 'active must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1, 'limit must be 1–200')
    .max(200, 'limit must be 1–200')
    .optional()
    .default(50),
  cursor: z.string().max(200).optional(),
});
