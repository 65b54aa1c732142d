import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * A column of another module's table that points at a person. Merging two people moves these rows
 * to the survivor, so a merge keeps every related record; erasing a person removes them (or unlinks
 * them). The module that owns the table builds the statements (platform's `columnReference`, over its own
 * table) and registers them here; people runs them inside its merge's or erasure's transaction.
 * A module above people that names a person elsewhere than in such a column (import reports)
 * registers a merge handler (PeopleService.whenMerged) and an erasure step instead.
 */
export interface PersonReference {
  /** The kind of rows in a merge preview (`moved`) and an erasure's answer (`erased`). */
  label: string;
  table: string;
  column: string;
  count(em: EntityManager, personId: string): Promise<number>;
  /** Moves the merged person's rows to the survivor; where a unique key would collide, the survivor's row stays. */
  moveToSurvivor(em: EntityManager, survivorId: string, mergedId: string): Promise<void>;
  /** Deletes or unlinks the rows that point at the person; answers how many. */
  erase(em: EntityManager, personId: string): Promise<number>;
}

/**
 * The references to people, registered by their owners when the app starts (`onModuleInit`): people
 * sits below most of them, so it knows their rows only through what they register. An app that
 * leaves out an owner would leave its rows behind on a merge: test/e2e/references.e2e-spec.ts checks
 * every foreign key to people against what the apps register.
 */
@Injectable()
export class PersonReferences {
  private readonly references: PersonReference[] = [];

  register(...references: PersonReference[]): void {
    for (const reference of references) {
      // A module imported twice still starts once, but a second registration would move rows twice.
      if (!this.references.some((r) => r.table === reference.table && r.column === reference.column)) this.references.push(reference);
    }
  }

  /** What is registered, in registration order. */
  list(): readonly PersonReference[] {
    return this.references;
  }
}
