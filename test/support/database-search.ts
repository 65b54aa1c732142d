import type { DataSource } from 'typeorm';

export interface Found {
  table: string;
  column: string;
  needle: string;
}

/**
 * Where any of `needles` occurs in the whole database: every table of every schema (the queue's
 * too, on the PostgreSQL backend), every column whose type can hold text (text, varchar, json,
 * jsonb, arrays, bytea as UTF-8), compared as text. For "is this secret stored anywhere?".
 */
export async function searchDatabase(db: DataSource, needles: string[]): Promise<Found[]> {
  const columns = (await db.query(
    `SELECT c.table_schema, c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
        AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea', 'USER-DEFINED')`,
  )) as { table_schema: string; table_name: string; column_name: string; data_type: string }[];
  expect(columns.length).toBeGreaterThan(20);
  const found: Found[] = [];
  for (const c of columns) {
    const table = `"${c.table_schema}"."${c.table_name}"`;
    const value = c.data_type === 'bytea' ? `convert_from("${c.column_name}", 'UTF8')` : `"${c.column_name}"::text`;
    for (const needle of needles) {
      const [row] = (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE strpos(${value}, $1) > 0`, [needle]).catch(() => [{ n: 0 }])) as { n: number }[];
      if (row.n > 0) found.push({ table: `${c.table_schema}.${c.table_name}`, column: c.column_name, needle });
    }
  }
  return found;
}
