import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** An answer the server gives instead of taking a mail: an SMTP code (4xx for now, 5xx for good) and its text. */
export interface SmtpRefusal {
  code: number;
  message: string;
}

/**
 * A real SMTP server in the test process (npm smtp-server) that keeps every mail it accepts, parsed
 * by mailparser. `refuse` decides, per delivery attempt, whether to refuse it (by recipient and the
 * attempt's number for that recipient, from 1).
 */
export class SmtpSink {
  readonly received: ParsedMail[] = [];
  /** Attempts per recipient, accepted or not. */
  readonly attempts = new Map<string, number>();
  refuse: (to: string, attempt: number) => SmtpRefusal | null = () => null;
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase()).join(',');
        const attempt = (this.attempts.get(to) ?? 0) + 1;
        this.attempts.set(to, attempt);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const refusal = this.refuse(to, attempt);
          if (refusal) {
            callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
            return;
          }
          simpleParser(Buffer.concat(chunks)).then(
            (mail) => {
              this.received.push(mail);
              callback();
            },
            (e: Error) => callback(e),
          );
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The mails that went to `address`. */
  to(address: string): ParsedMail[] {
    return this.received.filter((m) => addresses(m).includes(address.toLowerCase()));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export function addresses(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((t) => t.value.map((v) => (v.address ?? '').toLowerCase()));
}
