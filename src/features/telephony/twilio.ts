// The official `twilio` library as this app uses it. It has no base-URL option, so a RequestClient
// subclass rewrites https://api.twilio.com to TWILIO_API_URL (a local fake in tests; unchanged in
// production), which also covers the next_page_uri links the library follows when it pages a list.
// Errors become a TwilioError whose message names the status and Twilio's own message, never the
// credentials.
import twilio from 'twilio';
import { AppError } from '../../platform/errors.ts';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

type RequestOptions<T> = RequestClient.RequestOptions<T>;

export type TwilioClient = ReturnType<typeof twilio>;

/** Shown as a 502 (page or problem+json): Twilio, not the user's input, failed. */
export class TwilioError extends AppError {
  constructor(
    message: string,
    public readonly twilioStatus: number | null,
  ) {
    super(message, 502, 'Twilio error');
    this.name = 'TwilioError';
  }
}

export function twilioClient(apiUrl: string, accountSid: string, authToken: string): TwilioClient {
  const base = apiUrl.replace(/\/$/, '');
  class LocalRequestClient extends twilio.RequestClient {
    request<TData>(o: RequestOptions<TData>) {
      return super.request<TData>({
        ...o,
        uri: String(o.uri).replace(/^https:\/\/api\.twilio\.com/, base),
      } as typeof o);
    }
  }
  return twilio(accountSid, authToken, {
    httpClient: new LocalRequestClient({ timeout: 20_000 }),
    autoRetry: false,
  });
}

/** Runs a Twilio call, turning the library's errors into a TwilioError with a plain message. */
export async function callTwilio<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof TwilioError) throw err;
    const e = err as { status?: number; message?: string; code?: unknown };
    if (typeof e.status === 'number') {
      const hint =
        e.status === 401
          ? 'Twilio refused the Account SID and auth token'
          : e.status >= 500
            ? 'Twilio had an internal error; try again later'
            : 'Twilio refused the request';
      throw new TwilioError(
        `${hint} (${what}: HTTP ${e.status}, ${e.message ?? 'no message'})`,
        e.status,
      );
    }
    throw new TwilioError(`Could not reach Twilio (${what}: ${e.message ?? String(err)})`, null);
  }
}
