import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { closeOnSignals, ConfigError, createLogger, DatabaseHealth, JobQueueService, loadConfig } from '#platform';
import { closeWorkerHealth, serveWorkerHealth } from './worker-health';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.log, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger });
  let close = (): Promise<void> => app.close();
  if (config.worker.healthPort !== null) {
    const database = app.get(DatabaseHealth);
    const jobs = app.get(JobQueueService);
    const health = await serveWorkerHealth(config.worker.healthPort, { database: () => database.ping(), queue: () => jobs.ping() });
    // Closed first: a worker that is shutting down is no longer ready.
    close = async () => {
      await closeWorkerHealth(health);
      await app.close();
    };
    logger.log(`health checks at http://127.0.0.1:${config.worker.healthPort}/health/ready`);
  }
  // BullMQ workers close on app.close(): running jobs finish instead of being left stalled.
  closeOnSignals({ close }, logger);
  logger.log(`Dossier worker running (queue backend: ${config.queue.backend})`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
