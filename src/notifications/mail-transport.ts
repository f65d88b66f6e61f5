import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../config/config';

export interface MailMessage {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  /** A stable id derived from the outbox row, so a receiving system can drop a duplicate. */
  messageId?: string;
  headers?: Record<string, string>;
}

export interface MailResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
  transport: 'smtp' | 'log';
}

/**
 * The one way mail leaves Duban: SMTP through a pooled nodemailer transport when SMTP_URL is
 * set, otherwise the message is written to the log (and stays in the outbox), so a machine
 * without a mail server still runs.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transporter = config.smtpUrl ? nodemailer.createTransport(smtpOptions(config.smtpUrl)) : null;
  }

  get kind(): 'smtp' | 'log' {
    return this.transporter ? 'smtp' : 'log';
  }

  async send(message: MailMessage): Promise<MailResult> {
    if (!this.transporter) {
      const to = Array.isArray(message.to) ? message.to : [message.to];
      this.logger.log({ mail: { to, subject: message.subject, messageId: message.messageId, text: message.text } }, 'Mail (no SMTP_URL: logged, not sent)');
      return { messageId: message.messageId ?? '', accepted: to, rejected: [], transport: 'log' };
    }
    const info = await this.transporter.sendMail({
      from: this.config.mailFrom,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
      headers: message.headers,
    });
    return {
      messageId: info.messageId,
      accepted: (info.accepted ?? []).map(String),
      rejected: (info.rejected ?? []).map(String),
      transport: 'smtp',
    };
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}

function smtpOptions(url: string) {
  const parsed = new URL(url);
  return {
    pool: true,
    host: parsed.hostname,
    port: Number(parsed.port || (parsed.protocol === 'smtps:' ? 465 : 25)),
    secure: parsed.protocol === 'smtps:',
    auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
    // Local relays and test servers often have self-signed certificates or none.
    tls: { rejectUnauthorized: parsed.searchParams.get('tlsRejectUnauthorized') !== 'false' },
    ignoreTLS: parsed.searchParams.get('ignoreTLS') === 'true',
    maxConnections: Number(parsed.searchParams.get('maxConnections') ?? 5),
    connectionTimeout: 10_000,
    socketTimeout: 30_000,
  };
}
