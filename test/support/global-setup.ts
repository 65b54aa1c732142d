import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../libs/domain/src/entities';
import { dataSourceOptions } from '../../libs/platform/src/database/data-source-options';
import { MIGRATIONS } from '../../migrations/index';
import { databaseUrl, isAlive, ownerPid, TEMPLATE_DATABASE, withServer } from './database';

/** Migrates a template database once per run; every test file clones it. */
export default async function globalSetup(): Promise<void> {
  process.env.DOSSIER_TEST_TEMPLATE = TEMPLATE_DATABASE;
  await withServer(async (c) => {
    // Databases left by runs that died; a run still going keeps its own.
    const left = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'dossier\\_test\\_%' OR datname LIKE 'dossier\\_template%'");
    for (const { datname } of left.rows) {
      const pid = ownerPid(datname);
      if (datname === TEMPLATE_DATABASE || pid === undefined || !isAlive(pid)) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await c.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  });
  const ds = new DataSource(dataSourceOptions(databaseUrl(TEMPLATE_DATABASE), ENTITIES, MIGRATIONS));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
}
