import type { EntityManager } from 'typeorm';

/**
 * A column of a module's table that points at another module's row (a person, an organization).
 * When two such rows are merged, the column moves to the survivor; when one is erased, the rows go
 * with it or only lose the link. The owner of the table declares it (its repository names its own table) and gets back the
 * operations, which run on the merging or erasing module's EntityManager: the rule is written once.
 *
 * - `onErase: 'delete'`: the row is about the referenced one (an interaction) and goes with it;
 *   `'nullify'`: the row is the user's own (an application) and only loses the link.
 * - `uniqueWith`: the other columns of a unique key that includes this column; on merge, a row of
 *   the merged one that would collide with one of the survivor's is dropped, not moved.
 * - `inherit`: on such a collision, columns the survivor's row takes from the dropped one when its
 *   own first one is null and the other's is not (a decision the survivor lacks, with its date).
 */
export interface ColumnReference {
  table: string;
  column: string;
  onErase: 'delete' | 'nullify';
  uniqueWith?: string[];
  inherit?: string[];
}

/** The statements of a column reference, as SQL text. */
interface ColumnReferenceStatements {
  /** `$1`: the referenced id; one row `{ count }`. */
  count: string;
  /** `$1`: the survivor, `$2`: the merged one; run in this order. */
  move: string[];
  /** `$1`: the erased id; one row `{ count }` of the rows deleted or unlinked. */
  erase: string;
}

function columnReferenceStatements(ref: ColumnReference): ColumnReferenceStatements {
  const table = `"${ref.table}"`;
  const column = `"${ref.column}"`;
  const move: string[] = [];
  if (ref.uniqueWith) {
    const same = ref.uniqueWith.map((c) => `mine."${c}" = theirs."${c}"`).join(' AND ');
    if (ref.inherit?.length) {
      const [first] = ref.inherit;
      move.push(
        `UPDATE ${table} mine SET ${ref.inherit.map((c) => `"${c}" = theirs."${c}"`).join(', ')} FROM ${table} theirs
          WHERE mine.${column} = $1 AND theirs.${column} = $2 AND ${same} AND mine."${first}" IS NULL AND theirs."${first}" IS NOT NULL`,
      );
    }
    move.push(
      `DELETE FROM ${table} theirs WHERE theirs.${column} = $2
         AND EXISTS (SELECT 1 FROM ${table} mine WHERE mine.${column} = $1 AND ${same})`,
    );
  }
  move.push(`UPDATE ${table} SET ${column} = $1 WHERE ${column} = $2`);
  const change =
    ref.onErase === 'delete' ? `DELETE FROM ${table} WHERE ${column} = $1 RETURNING 1` : `UPDATE ${table} SET ${column} = NULL WHERE ${column} = $1 RETURNING 1`;
  return {
    count: `SELECT count(*)::int AS count FROM ${table} WHERE ${column} = $1`,
    move,
    // Counted through a SELECT: for a bare DELETE/UPDATE the driver answers [rows, rowCount], not the rows.
    erase: `WITH changed AS (${change}) SELECT count(*)::int AS count FROM changed`,
  };
}

/** The statements of a column of the user's own rows (`user_id`) that follows a merge of two rows it points at. */
interface UserRowsReferenceStatements {
  /** `$1`: the referenced id, `$2`: the user; one row `{ count }`. */
  count: string;
  /** `$1`: the survivor, `$2`: the merged one, `$3`: the user. */
  move: string;
}

function userRowsReferenceStatements(ref: { table: string; column: string }): UserRowsReferenceStatements {
  const [table, column] = [`"${ref.table}"`, `"${ref.column}"`];
  return {
    count: `SELECT count(*)::int AS count FROM ${table} WHERE ${column} = $1 AND user_id = $2`,
    move: `UPDATE ${table} SET ${column} = $1 WHERE ${column} = $2 AND user_id = $3`,
  };
}

/** A column reference's operations, run on the caller's transaction. */
export interface ColumnReferenceOperations {
  table: string;
  column: string;
  /** How many rows point at `id`. */
  count(em: EntityManager, id: string): Promise<number>;
  /** Moves the merged one's rows to the survivor; where a unique key would collide, the survivor's row stays. */
  moveToSurvivor(em: EntityManager, survivorId: string, mergedId: string): Promise<void>;
  /** Deletes or unlinks the rows that point at `id`; answers how many. */
  erase(em: EntityManager, id: string): Promise<number>;
}

export function columnReference(ref: ColumnReference): ColumnReferenceOperations {
  const sql = columnReferenceStatements(ref);
  const counted = async (em: EntityManager, statement: string, id: string) => ((await em.query(statement, [id])) as { count: number }[])[0].count;
  return {
    table: ref.table,
    column: ref.column,
    count: (em, id) => counted(em, sql.count, id),
    async moveToSurvivor(em, survivorId, mergedId) {
      for (const statement of sql.move) await em.query(statement, [survivorId, mergedId]);
    },
    erase: (em, id) => counted(em, sql.erase, id),
  };
}

/** A column of the user's own rows' operations, run on the caller's transaction. */
export interface UserRowsReferenceOperations {
  table: string;
  column: string;
  count(em: EntityManager, userId: string, id: string): Promise<number>;
  moveToSurvivor(em: EntityManager, userId: string, survivorId: string, mergedId: string): Promise<void>;
}

export function userRowsReference(ref: { table: string; column: string }): UserRowsReferenceOperations {
  const sql = userRowsReferenceStatements(ref);
  return {
    table: ref.table,
    column: ref.column,
    count: async (em, userId, id) => ((await em.query(sql.count, [id, userId])) as { count: number }[])[0].count,
    async moveToSurvivor(em, userId, survivorId, mergedId) {
      await em.query(sql.move, [survivorId, mergedId, userId]);
    },
  };
}
