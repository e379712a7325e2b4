// Time-based one-time passwords (RFC 6238) via otpauth; the seed is stored sealed (lib/crypto.ts).
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { hashToken, randomToken } from '../../lib/tokens.ts';

const totpFor = (secretBase32: string, label: string, issuer: string) =>
  new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

const PERIOD_SECONDS = 30;

/**
 * Accepts the current code and one step either side, for clock drift. Returns the time step the
 * code belongs to (so the caller can refuse a second use of it), or null when it is not valid.
 */
export function matchTotp(
  secretBase32: string,
  code: string,
  at: number = Date.now(),
): number | null {
  const clean = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  const delta = totpFor(secretBase32, 'x', 'x').validate({
    token: clean,
    window: 1,
    timestamp: at,
  });
  return delta === null ? null : Math.floor(at / 1000 / PERIOD_SECONDS) + delta;
}

export const verifyTotp = (secretBase32: string, code: string): boolean =>
  matchTotp(secretBase32, code) !== null;

export const currentTotp = (secretBase32: string): string =>
  totpFor(secretBase32, 'x', 'x').generate();

export async function enrolmentQr(
  secretBase32: string,
  email: string,
  issuer: string,
): Promise<{ uri: string; svgDataUrl: string }> {
  const uri = totpFor(secretBase32, email, issuer).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, width: 200 });
  return { uri, svgDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** Ten single-use recovery codes: shown once, stored hashed. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: 10 }, () =>
    randomToken(8).replace(/[-_]/g, 'x').slice(0, 10).toLowerCase(),
  );
  return { codes, hashes: codes.map((c) => hashToken(c)) };
}
