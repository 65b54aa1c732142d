import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../libs/domain/src/entities';
import { dataSourceOptions } from '../../libs/platform/src/database/data-source-options';
import { MIGRATIONS } from '../../migrations/index';
import { databaseUrl, TEMPLATE_DATABASE, withServer } from './database';

/** Migrates a template database once; every test file clones it. */
export default async function globalSetup(): Promise<void> {
  await withServer(async (c) => {
    const stale = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'dossier_test_%'");
    for (const { datname } of stale.rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await c.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  });
  const ds = new DataSource(dataSourceOptions(databaseUrl(TEMPLATE_DATABASE), ENTITIES, MIGRATIONS));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
}
