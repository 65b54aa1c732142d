import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { closeOnSignals, ConfigError, createLogger, loadConfig } from '#platform';
import { ApiModule } from './api.module';
import { configureApp, createHttpAdapter } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.log, 'api');
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), createHttpAdapter(config), { logger });
  if (config.database.runMigrations) {
    const applied = await app.get(DataSource).runMigrations({ transaction: 'each' });
    logger.log(`migrations: ${applied.length === 0 ? 'up to date' : `applied ${applied.map((m) => m.name).join(', ')}`}`);
  }
  await configureApp(app, config);
  await app.listen(config.http.port, config.http.host);
  closeOnSignals(app, logger);
  // PUBLIC_URL (by default this address) is where clients reach the API, and the base of the links it hands out.
  const url = config.http.publicUrl;
  logger.log(`Dossier API ready at ${url} (dashboard: ${url}/app/, docs: ${url}/docs, OpenAPI: ${url}/docs-json, queues: ${url}/queues)`);
  if ((config.http.host === '0.0.0.0' || config.http.host === '::') && url === `http://localhost:${config.http.port}`) {
    logger.warn(`listening on every interface but PUBLIC_URL is not set: links the API hands out (calendar feeds, invitations) point at ${url}; set PUBLIC_URL to the address clients use`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
