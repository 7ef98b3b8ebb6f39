import { Logger } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
}

/** Where rendered mail goes: an SMTP server, or (without one) files in an outbox folder. */
export interface MailTransport {
  deliver(mail: OutgoingMail): Promise<string>;
}

export class SmtpTransport implements MailTransport {
  private readonly transporter;

  constructor(smtpUrl: string) {
    const url = new URL(smtpUrl);
    const secure = url.protocol === 'smtps:';
    this.transporter = nodemailer.createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      // Bounded timeouts: a stalled server fails the job (and BullMQ retries it) instead of pinning a worker.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async deliver(mail: OutgoingMail): Promise<string> {
    const info = await this.transporter.sendMail(mail);
    return String(info.messageId);
  }
}

/** Development and tests without SMTP: each mail becomes an .eml file, and its links are logged. */
export class OutboxTransport implements MailTransport {
  private readonly logger = new Logger('Mail');
  private readonly writer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });

  constructor(private readonly directory: string) {}

  async deliver(mail: OutgoingMail): Promise<string> {
    const info = await this.writer.sendMail(mail);
    await mkdir(this.directory, { recursive: true });
    const safeRecipient = mail.to.replace(/[^a-zA-Z0-9@._-]/g, '_');
    const file = resolve(
      join(this.directory, `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeRecipient}.eml`),
    );
    await writeFile(file, info.message as Buffer);
    const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
    this.logger.log(
      `mail "${mail.subject}" to ${mail.to} written to ${file}${links.length ? `; links: ${links.join(' ')}` : ''}`,
    );
    return file;
  }
}
