import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import { AccountExportDto, ExportedAccountDto } from './account-export.document';
import type { RestoreContext } from './restore-context';

/*
 * The account document (GET /export, POST /imports/dossier) is written and read part by part: each
 * module that owns records of an account has one `<module>.export.ts` with
 *   - the DTO class of each of its sections: the one schema, from which the OpenAPI document, the
 *     import's validation (a 400 naming the bad field) and the TypeScript type all come;
 *   - an @ExportPart provider: `exportPart` reads its tables (recordOf maps a row to its DTO's
 *     fields), `restorePart` writes them back with new ids (RestoreContext), `after` names the parts
 *     it refers to.
 * Adding an exported entity to such a module is that file alone; a module new to the document also
 * lists its part among its providers and itself in ImportsModule (so that the worker restores it).
 */

/** What a part reads with: the export's one snapshot. */
export interface ExportContext {
  readonly em: EntityManager;
  readonly userId: string;
  /** Runs once every part has written its sections: for what depends on another part's (the document, not its tables). */
  whenComplete(fix: (doc: AccountExport) => void): void;
}

type AccountExport = AccountExportDto;

/**
 * One module's share of the account document: the sections it declares (ExportPart), read from
 * its own tables and written back into them. `S` is the part's view of the document: its
 * sections, optional where older documents lack them.
 */
export interface AccountExportPart<S extends object = object> {
  /** The part's sections of the account, read inside the export's repeatable-read transaction. */
  exportPart(userId: string, ctx: ExportContext): Promise<S>;
  /**
   * Writes the part's sections of a validated document into an empty account, in the restore's
   * one transaction, after the parts it depends on (their new ids are in `ctx.ids`).
   */
  restorePart(userId: string, doc: S, ctx: RestoreContext): Promise<void>;
  /** The records a restore of its sections writes (the import's progress total); by default the length of its lists. */
  count?(doc: S): number;
  /** Whether the account already holds records the part would write: an export is restored into an empty account only. */
  hasData?(em: EntityManager, userId: string): Promise<boolean>;
}

export interface ExportPartOptions {
  /** The part's name, which other parts name in `after`. */
  name: string;
  /**
   * The parts whose records this one refers to: restored first. `all`: after every other part
   * (what names records of any kind, as a briefing's facts do).
   */
  after?: readonly string[] | 'all';
  /**
   * The part's sections: a key of the document (a list: `sectionOf(Dto)`), or `account.<field>`
   * for a setting of the account, with the decorators that describe and validate it.
   */
  schema: Record<string, PropertyDecorator>;
}

/** The parts' mark: the export service finds them, and reads their options, by it. */
export const exportPartOptions = DiscoveryService.createDecorator<ExportPartOptions>();

/**
 * Declares a Nest provider as a part of the account document. Listing the class among its module's
 * providers registers it: its sections join the document's schema (OpenAPI and validation) and the
 * export service runs it in dependency order.
 */
export function ExportPart(options: ExportPartOptions): ClassDecorator {
  for (const [path, decorate] of Object.entries(options.schema)) {
    const [target, key] = path.startsWith('account.') ? [ExportedAccountDto.prototype, path.slice('account.'.length)] : [AccountExportDto.prototype, path];
    decorate(target, key);
  }
  return exportPartOptions(options);
}
