// Locations (sites) of a company: one schema shared by the form and the API.
import { z } from 'zod';

const optionalText = (max: number, label: string) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

const fields = {
  name: z
    .string({ message: 'Name is required' })
    .trim()
    .min(1, 'Name is required')
    .max(200, 'Name must be at most 200 characters'),
  address: optionalText(1000, 'Address'),
  notes: optionalText(10_000, 'Notes'),
};

export const CreateLocationInput = z.object(fields);
export type CreateLocationInput = z.infer<typeof CreateLocationInput>;
export const UpdateLocationInput = z.object(fields).partial();
export type UpdateLocationInput = z.infer<typeof UpdateLocationInput>;

export const formToLocationInput = (f: Record<string, string | undefined>) => ({
  name: f.name,
  address: f.address,
  notes: f.notes,
});
