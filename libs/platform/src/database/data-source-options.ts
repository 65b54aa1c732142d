import type { DataSourceOptions, MixedList } from 'typeorm';

type ClassList = MixedList<Function | string>;

/** One definition of the connection for the app, the TypeORM CLI and the tests. */
export function dataSourceOptions(url: string, entities: ClassList, migrations: ClassList): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install, no superuser needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    // A small pool per process: API and worker run side by side on a laptop's PostgreSQL.
    extra: { max: 10 },
  };
}
