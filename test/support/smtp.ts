// A real SMTP server on loopback for email tests: mail goes through nodemailer and back in parsed.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createMailer } from '../../src/platform/mailer.ts';
import { quietLog } from './app.ts';

export async function startSmtp() {
  const inbox: ParsedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          inbox.push(mail);
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    inbox,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * One server for a describe block: started in beforeAll, stopped in afterAll, inbox emptied before each
 * test. Call it before useAppSuite, whose `deps` function can then use `mailer(from)`.
 */
export function useSmtp() {
  let server: Awaited<ReturnType<typeof startSmtp>> | undefined;
  beforeAll(async () => {
    server = await startSmtp();
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    server!.inbox.length = 0;
  });
  return {
    get inbox() {
      return server!.inbox;
    },
    /** A mailer that sends to this server. */
    mailer: (from: string) =>
      createMailer({ smtpUrl: `smtp://127.0.0.1:${server!.port}`, from, log: quietLog }),
  };
}
