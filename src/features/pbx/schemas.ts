// PBX system input, shared by the form and the JSON API. The client secret is kept exactly as
// typed; empty (or absent) on an update keeps the stored one.
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
  hostUrl: z
    .string({ message: 'Host URL is required' })
    .trim()
    .max(500, 'Host URL must be at most 500 characters')
    .refine((v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        return false;
      }
    }, 'Host URL must be a web address such as https://pbx.example.com')
    .transform((v) => v.replace(/\/+$/, '')),
  version: optionalText(50, 'Version'),
  locationId: optionalText(36, 'Location'),
  notes: optionalText(10_000, 'Notes'),
  clientId: optionalText(200, 'API client id'),
  clientSecret: z
    .string({ message: 'API client secret must be text' })
    .max(500, 'API client secret must be at most 500 characters')
    .nullish()
    .transform((v) => (v ? v : null)),
};

export const CreatePbxInput = z.object(fields);
export type CreatePbxInput = z.infer<typeof CreatePbxInput>;
export const UpdatePbxInput = z.object(fields).partial();
export type UpdatePbxInput = z.infer<typeof UpdatePbxInput>;
export const CreatePbxApiInput = z.object({ companyId: z.string().max(36), ...fields });

export const formToPbxInput = (f: Record<string, string | undefined>) => ({
  name: f.name,
  hostUrl: f.hostUrl,
  version: f.version,
  locationId: f.locationId,
  notes: f.notes,
  clientId: f.clientId,
  clientSecret: f.clientSecret,
});
