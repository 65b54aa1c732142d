/**
 * Tables whose rows point at a person. Merging two people moves these rows to the survivor, so a
 * merge keeps every related record; erasing a person deletes them (their foreign keys cascade).
 * A module that adds a table referencing people adds it here.
 */
export const PERSON_REFERENCES: { table: string; column: string; label: string }[] = [{ table: 'interactions', column: 'person_id', label: 'interactions' }];
