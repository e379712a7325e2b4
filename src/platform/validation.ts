import type { z } from 'zod';
import { ValidationError } from './errors.ts';

/** Parses input with a zod schema; throws ValidationError naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const errors = result.error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(body)',
    message: i.message,
  }));
  throw new ValidationError(errors);
}

/** The first message for each field, for rendering beside form inputs. */
export function fieldErrors(err: ValidationError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of err.errors) if (!(e.path in out)) out[e.path] = e.message;
  return out;
}
