import { TEMPLATE_DATABASE, withServer } from './database';

/** Drops this run's template; each test file drops its own clone. */
export default async function globalTeardown(): Promise<void> {
  await withServer((c) => c.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`));
}
