import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { closeOnSignals, ConfigError, createLogger, loadConfig } from '#platform';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.log, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger });
  // BullMQ workers close on app.close(): running jobs finish instead of being left stalled.
  closeOnSignals(app, logger);
  logger.log(`Dossier worker running (queue backend: ${config.queue.backend})`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
