import { existsSync } from 'node:fs';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Browser } from 'playwright-core';
import { APP_CONFIG, AppConfig, DomainError, ErrorKind } from '#platform';

/** The flags a server without a display or outside network needs (no background calls out). */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export class BriefingPdfUnavailableError extends DomainError {
  constructor(reason: string) {
    super(ErrorKind.Unavailable, 'briefing.pdf-unavailable', `PDF briefings are not available on this server: ${reason}. Markdown and HTML are.`);
  }
}

/**
 * Prints a briefing's HTML to PDF with the system's Chromium (CHROMIUM_PATH; Debian's `chromium`),
 * driven by playwright-core, which downloads no browser of its own. The browser starts on the first
 * PDF and stays up for the next ones.
 */
@Injectable()
export class BriefingPdfRenderer implements OnModuleDestroy {
  private readonly logger = new Logger(BriefingPdfRenderer.name);
  private browser?: Promise<Browser>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async render(html: string): Promise<Buffer> {
    const browser = await this.launch();
    const page = await browser.newPage();
    try {
      // The page is self-contained (inline styles, no scripts or outside resources).
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' } });
    } finally {
      await page.close();
    }
  }

  /** Closes the browser (and its helper processes) when the app shuts down. */
  async onModuleDestroy(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser.catch(() => null))?.close();
  }

  private launch(): Promise<Browser> {
    const path = this.config.briefings.chromiumPath;
    if (!existsSync(path)) return Promise.reject(new BriefingPdfUnavailableError(`no Chromium at CHROMIUM_PATH (${path})`));
    if (!this.browser) {
      // playwright-core would install its own SIGINT/SIGTERM/SIGHUP handlers, which kill the browser and
      // exit the process at once (130 on Ctrl-C) before the app's shutdown runs. The app's shutdown
      // (closeOnSignals → app.close → onModuleDestroy) closes the browser instead.
      this.browser = import('playwright-core').then(({ chromium }) => chromium.launch({ executablePath: path, args: FLAGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }));
      this.browser.then(
        (b) => b.on('disconnected', () => (this.browser = undefined)),
        (e: unknown) => {
          this.browser = undefined;
          this.logger.error(`Chromium did not start: ${(e as Error).message}`);
        },
      );
    }
    return this.browser.catch((e: unknown) => {
      throw new BriefingPdfUnavailableError(`Chromium at ${path} did not start (${(e as Error).message.split('\n')[0]})`);
    });
  }
}
