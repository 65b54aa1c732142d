import { Injectable, Module, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ApiProperty } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { IsString, IsUUID, MaxLength, validateSync } from 'class-validator';
import { AccountExportDto, AccountExportPart, ExportContext, ExportPart, RestoreContext, sectionOf } from '../account-export/index';
import { AccountExportRepository } from './account-export.repository';
import { AccountExportService } from './account-export.service';

// Adding an exported entity is one file in its module: these parts stand for such files. The
// service under test finds them through Nest's discovery and orders them; the transaction is the
// one thing not real here (the e2e tests run the real parts on PostgreSQL).
const log: string[] = [];

class ExportedNoteDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() bookId: string;
  @ApiProperty() @IsString() @MaxLength(20) text: string;
}

class ExportedBookDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsString() title: string;
}

@Injectable()
@ExportPart({ name: 'notes', after: ['books'], schema: { notes: sectionOf(ExportedNoteDto, { since: 'Added with notes' }) } })
class NotesExport implements AccountExportPart<{ notes?: ExportedNoteDto[] }> {
  async exportPart(): Promise<{ notes: ExportedNoteDto[] }> {
    log.push('export notes');
    return { notes: [] };
  }
  async restorePart(_userId: string, doc: { notes?: ExportedNoteDto[] }, ctx: RestoreContext): Promise<void> {
    log.push('restore notes');
    for (const n of doc.notes ?? []) ctx.required('books', n.bookId, `notes[${n.id}]`, 'book');
  }
}

@Injectable()
@ExportPart({ name: 'books', schema: { books: sectionOf(ExportedBookDto) } })
class BooksExport implements AccountExportPart<{ books: ExportedBookDto[] }> {
  async exportPart(_userId: string, ctx: ExportContext): Promise<{ books: ExportedBookDto[] }> {
    log.push('export books');
    ctx.whenComplete((doc) => log.push(`complete with ${Object.keys(doc).join(',')}`));
    return { books: [] };
  }
  async restorePart(_userId: string, doc: { books: ExportedBookDto[] }, ctx: RestoreContext): Promise<void> {
    log.push('restore books');
    ctx.ids('books').allocate(doc.books);
  }
}

@Injectable()
@ExportPart({ name: 'digest', after: 'all', schema: {} })
class DigestExport implements AccountExportPart {
  async exportPart(): Promise<object> {
    log.push('export digest');
    return {};
  }
  async restorePart(): Promise<void> {
    log.push('restore digest');
  }
}

// Registered in the "wrong" order on purpose: the parts' `after` decides, not the module lists.
@Module({ providers: [DigestExport, NotesExport] })
class NotesModule {}
@Module({ providers: [BooksExport] })
class BooksModule {}

const em = { query: async () => [] };
const dataSource = { manager: em, transaction: async (...args: unknown[]) => (args[args.length - 1] as (m: unknown) => unknown)(em) };

async function service(modules: Type[]): Promise<AccountExportService> {
  const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule, ...modules], providers: [AccountExportService, AccountExportRepository, { provide: getDataSourceToken(), useValue: dataSource }] }).compile();
  return moduleRef.get(AccountExportService);
}

const BOOK = '00000000-0000-4000-8000-000000000001';
const doc = (sections: Record<string, unknown>) => ({ format: 'dossier-export', version: 3, account: {}, books: [], ...sections }) as AccountExportDto;

describe('the account export, part by part', () => {
  beforeEach(() => log.splice(0));

  it('runs each part after the parts it names, and a part after all of them last', async () => {
    const exports = await service([NotesModule, BooksModule]);
    const exported = await exports.export('user');
    expect(log).toEqual(['export books', 'export notes', 'export digest', 'complete with format,version,exportedAt,account,books,notes']);
    expect(exported).toMatchObject({ books: [], notes: [] });

    log.splice(0);
    const restored = await exports.restore('user', doc({ books: [{ id: BOOK, title: 'CLRS' }], notes: [{ id: BOOK, bookId: '00000000-0000-4000-8000-000000000009', text: 'ch. 15' }] }), async () => undefined);
    expect(log).toEqual(['restore books', 'restore notes', 'restore digest']);
    expect(restored.skips).toEqual([{ item: `notes[${BOOK}]`, reason: 'refers to book 00000000-0000-4000-8000-000000000009, which is not in the document; not imported' }]);
    expect(exports.countItems(doc({ books: [{ id: BOOK, title: 'CLRS' }], notes: [] }))).toBe(1);
  });

  it("adds each part's sections to the one document schema, which names a bad field", () => {
    const problems = validateSync(plainToInstance(AccountExportDto, { ...doc({}), account: {}, notes: [{ id: BOOK, bookId: 'nope', text: 'x'.repeat(21) }] }) as object, { whitelist: true, forbidNonWhitelisted: true });
    const notes = problems.find((p) => p.property === 'notes')!;
    const fields = notes.children![0].children!.map((c) => c.property).sort();
    expect(fields).toEqual(['bookId', 'text']);
    // A section every version has is required; one added later is not. (The account's own fields
    // come from the accounts module, not loaded here, so its empty object is refused too.)
    const missing = validateSync(plainToInstance(AccountExportDto, { format: 'dossier-export', version: 3, account: {} }) as object).map((p) => p.property);
    expect(missing.filter((p) => p !== 'account')).toEqual(['books']);
  });

  it('refuses to run without a part another one comes after: its records would be lost', async () => {
    const exports = await service([NotesModule]);
    await expect(exports.export('user')).rejects.toThrow('The account export part notes comes after books, which no loaded module provides');
  });
});
