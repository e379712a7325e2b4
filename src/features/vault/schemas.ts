// Vault entry input, shared by the HTML forms and the JSON API. Secrets (password, TOTP secret,
// notes) are validated here and sealed by the service; they never appear in an error message.
import { URI } from 'otpauth';
import { z } from 'zod';

export const CREDENTIAL_KINDS = ['login', 'note'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

const optionalText = (max: number, label: string) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

/** A secret: kept exactly as typed (no trimming); empty means none. */
const secret = (max: number, label: string) =>
  z
    .string({ message: `${label} must be text` })
    .max(max, `${label} must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

/** Base32 TOTP secret as shown by the service (spaces and padding allowed), or an otpauth:// URI. */
export function normalizeTotpSecret(raw: string): string | null {
  let s = raw.trim();
  if (/^otpauth:\/\//i.test(s)) {
    try {
      const otp = URI.parse(s);
      if (!('period' in otp)) return null; // HOTP counters are not supported
      s = otp.secret.base32;
    } catch {
      return null;
    }
  }
  s = s.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  return /^[A-Z2-7]{16,128}$/.test(s) ? s : null;
}

const totpSecret = z
  .string({ message: 'TOTP secret must be text' })
  .max(2000, 'TOTP secret is too long')
  .nullish()
  .transform((v, ctx) => {
    if (!v?.trim()) return null;
    const n = normalizeTotpSecret(v);
    if (n === null) {
      ctx.addIssue({
        code: 'custom',
        message:
          'TOTP secret must be the base32 key the service showed (letters A–Z and digits 2–7, at least 16) or an otpauth:// link',
      });
      return z.NEVER;
    }
    return n;
  });

const website = z
  .string({ message: 'URL must be text' })
  .trim()
  .max(1000, 'URL must be at most 1000 characters')
  .nullish()
  .transform((v) => (v ? (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v}`) : null))
  .refine(
    (v) =>
      v === null || z.url({ protocol: /^(https?|ssh|rdp|ftp|sftp|vnc)$/ }).safeParse(v).success,
    'Enter an address like https://portal.example.com',
  );

const tags = z
  .union([z.string(), z.array(z.string({ message: 'Each tag must be text' }))], {
    message: 'Tags must be a list of words',
  })
  .nullish()
  .transform((v) => {
    const list = (typeof v === 'string' ? v.split(',') : (v ?? []))
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean);
    return [...new Set(list)];
  })
  .refine((v) => v.every((t) => t.length <= 40), 'Each tag must be at most 40 characters')
  .refine((v) => v.join(', ').length <= 500, 'Too many tags');

const fields = {
  assetId: z
    .string()
    .trim()
    .max(64)
    .nullish()
    .transform((v) => (v ? v : null)),
  label: z
    .string({ message: 'Label is required' })
    .trim()
    .min(1, 'Label is required')
    .max(200, 'Label must be at most 200 characters'),
  username: optionalText(255, 'Username'),
  password: secret(1000, 'Password'),
  url: website,
  totpSecret,
  // 10,000 characters keep the sealed value (base64 of up to 3 bytes a character) within a MySQL TEXT.
  notes: secret(10_000, 'Notes'),
  tags,
};

export const CreateCredentialInput = z
  .object({
    kind: z.enum(CREDENTIAL_KINDS, { message: 'Kind must be login or note' }).default('login'),
    ...fields,
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'note') return;
    for (const k of ['username', 'password', 'url', 'totpSecret'] as const) {
      if (v[k] !== null)
        ctx.addIssue({
          code: 'custom',
          path: [k],
          message: 'A secure note has only a label, notes and tags',
        });
    }
    if (v.notes === null)
      ctx.addIssue({ code: 'custom', path: ['notes'], message: 'Write the note' });
  });
export type CreateCredentialInput = z.infer<typeof CreateCredentialInput>;

/** Only the fields sent change. A secret sent as null (or empty) is removed. */
export const UpdateCredentialInput = z.object(fields).partial();
export type UpdateCredentialInput = z.infer<typeof UpdateCredentialInput>;

export const RevealInput = z.object({
  purpose: z
    .enum(['reveal', 'copy'], { message: 'purpose must be reveal or copy' })
    .optional()
    .default('reveal'),
  field: z
    .enum(['password', 'totp', 'notes', 'username'], {
      message: 'field must be password, totp, notes or username',
    })
    .optional(),
});
export type RevealInput = z.infer<typeof RevealInput>;

export const ListCredentialsQuery = z.object({
  q: z.string().trim().max(200).optional().default(''),
  page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => [25, 50, 100].includes(n), 'size must be 25, 50 or 100')
    .optional()
    .default(50),
});
export type ListCredentialsQuery = z.infer<typeof ListCredentialsQuery>;

export const ApiListQuery = z.object({
  companyId: z.string().trim().max(64).optional(),
  assetId: z.string().trim().max(64).optional(),
  q: z.string().trim().max(200).optional().default(''),
  limit: z.coerce
    .number()
    .int()
    .min(1, 'limit must be 1–200')
    .max(200, 'limit must be 1–200')
    .optional()
    .default(50),
  cursor: z.string().max(200).optional(),
});
export type ApiListQuery = z.infer<typeof ApiListQuery>;

type Form = Record<string, string | undefined>;

/** Form strings -> create input. Login-only fields are dropped for a secure note. */
export function formToCreateInput(form: Form): Record<string, unknown> {
  const kind = form.kind === 'note' ? 'note' : 'login';
  const login = kind === 'login';
  return {
    kind,
    assetId: form.assetId,
    label: form.label,
    username: login ? form.username : undefined,
    password: login ? form.password : undefined,
    url: login ? form.url : undefined,
    totpSecret: login ? form.totpSecret : undefined,
    notes: form.notes,
    tags: form.tags ?? '',
  };
}

/**
 * Form strings -> update input. The edit form never contains the saved secrets, so an empty secret
 * field means "keep"; the "remove" checkboxes clear one.
 */
export function formToUpdateInput(form: Form, kind: CredentialKind): Record<string, unknown> {
  const keepOrClear = (value: string | undefined, clear: string | undefined) =>
    clear === 'on' ? null : value ? value : undefined;
  const login = kind === 'login';
  return {
    assetId: form.assetId ?? undefined,
    label: form.label,
    ...(login ? { username: form.username ?? '', url: form.url ?? '' } : {}),
    ...(login
      ? {
          password: keepOrClear(form.password, form.clearPassword),
          totpSecret: keepOrClear(form.totpSecret, form.clearTotp),
        }
      : {}),
    notes: keepOrClear(form.notes, form.clearNotes),
    tags: form.tags ?? '',
  };
}

export const GenerateQuery = z.object({
  length: z.coerce
    .number({ message: 'length must be a number' })
    .int('length must be a whole number')
    .min(8, 'length must be 8–128')
    .max(128, 'length must be 8–128')
    .optional()
    .default(20),
  classes: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
    )
    .pipe(
      z
        .array(
          z.enum(['lower', 'upper', 'digits', 'symbols'], {
            message: 'classes are lower, upper, digits, symbols',
          }),
        )
        .min(1, 'choose at least one kind of character')
        .optional(),
    ),
});
