// Outgoing email over SMTP (nodemailer). With no SMTP_URL the message is written to the log
// instead, and callers can tell the user so (delivered: false).
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from './logger.ts';

export type MailAttachment = { filename: string; content: Buffer; contentType: string };
export type Mail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
};
export type Mailer = { configured: boolean; send(mail: Mail): Promise<{ delivered: boolean }> };

export function createMailer(opts: { smtpUrl?: string; from: string; log: Logger }): Mailer {
  let transport: Transporter | undefined;
  if (opts.smtpUrl) transport = nodemailer.createTransport(opts.smtpUrl);
  return {
    configured: Boolean(transport),
    async send(mail) {
      if (!transport) {
        opts.log.warn(
          {
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
            attachments: mail.attachments?.map((a) => `${a.filename} (${a.content.length} bytes)`),
          },
          'SMTP is not configured; email written to the log',
        );
        return { delivered: false };
      }
      await transport.sendMail({ from: opts.from, ...mail });
      return { delivered: true };
    },
  };
}
