// The logging the app's code relies on: pino's (Fastify's own) three levels, so services, jobs and
// the mailer log the same way in the server, the CLI and tests. No imports: anything may use it.
export type Logger = {
  info: (obj: object | string, msg?: string) => void;
  warn: (obj: object | string, msg?: string) => void;
  error: (obj: object | string, msg?: string) => void;
};
