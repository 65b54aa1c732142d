import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '#platform';

/** A mail as handed to the SMTP server. */
export interface SmtpMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/** Why the SMTP server did not take a mail: `final` when trying again cannot help (a 5xx refusal). */
export interface SmtpFailure {
  message: string;
  final: boolean;
}

/**
 * The SMTP side: nodemailer over SMTP_URL, one pooled connection set per process. Without SMTP_URL
 * there is no transport and nothing is ever sent.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private transporter?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.mail.smtpUrl !== null;
  }

  /** Hands the mail to the server; resolves once it accepted it, throws what it answered otherwise. */
  async send(message: SmtpMessage): Promise<void> {
    const transporter = this.transport();
    await transporter.sendMail({
      from: this.config.mail.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: message.headers,
      attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    });
  }

  /**
   * What a failed send means. A 5xx answer is the server's final word on that mail (RFC 5321
   * 4.2.1); a 4xx answer, a refused or dropped connection or a timeout may pass.
   */
  static failure(error: unknown): SmtpFailure {
    const e = error as Error & { responseCode?: number; response?: string; code?: string };
    const code = typeof e.responseCode === 'number' ? e.responseCode : null;
    const said = e.response?.trim() || e.message;
    return { message: code ? `the SMTP server answered ${said}` : `${e.code ? `${e.code}: ` : ''}${e.message}`, final: code !== null && code >= 500 };
  }

  onModuleDestroy(): void {
    this.transporter?.close();
    this.transporter = undefined;
  }

  private transport(): Transporter {
    const url = this.config.mail.smtpUrl;
    if (!url) throw new Error('mail is off: the server has no SMTP_URL');
    if (!this.transporter) {
      this.transporter = createTransport({ url, pool: true, maxConnections: 3, connectionTimeout: 30_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
    }
    return this.transporter;
  }
}
