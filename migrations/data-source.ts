import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from '#domain/entities';
import { dataSourceOptions } from '#platform';
import { MIGRATIONS } from './index';

/**
 * The DataSource the TypeORM CLI uses (`npm run db:migrate`, `npm run db:migration:generate`).
 * It reads DATABASE_URL only: the CLI needs nothing else of the app's configuration.
 */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dossier', ENTITIES, MIGRATIONS));
