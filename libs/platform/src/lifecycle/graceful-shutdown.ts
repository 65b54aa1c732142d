import type { LoggerService } from '@nestjs/common';

interface Closable {
  close(): Promise<void>;
}

/**
 * On SIGTERM or SIGINT: stop taking work, let what is in flight finish (HTTP requests; BullMQ jobs
 * that are running), close connections, and exit 0. Nest's own shutdown hooks re-raise the signal,
 * which reads as a crash to supervisors; this exits cleanly and says so in the log. A second signal,
 * or a close that takes longer than `timeoutMs`, exits at once with 1.
 */
export function closeOnSignals(app: Closable, logger: LoggerService, timeoutMs = 30_000): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    closing = true;
    logger.log(`${signal}: shutting down`);
    const timer = setTimeout(() => {
      logger.error(`shutdown took longer than ${timeoutMs} ms: exiting`);
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    app.close().then(
      () => {
        logger.log('stopped');
        process.exit(0);
      },
      (e: unknown) => {
        logger.error(`shutdown failed: ${(e as Error).stack ?? String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
