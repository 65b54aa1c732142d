import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig, JobQueue, NotFoundError } from '#platform';
import { DossierJobs, JobName } from '../jobs/index';
import { ORGANIZATION_NAME_MAX, OrganizationsService } from '../organizations/index';
import { foldName, normalizeEmail, normalizeLinks, PersonLinks } from '../shared/text/index';
import { findContactMatch, normalizePhone, PeopleService, Person, PERSON_LIMITS, PersonInput, phoneKey } from '../people/index';
import type { AccountExport } from '../account-export/index';
import { AccountExportService } from './account-export.service';
import { parseLinkedInConnections, parseVCards, ParseResult, PersonDraft } from './formats/index';
import { ImportFormat, ImportReport, ImportRun } from './import-run.entity';
import { UnreadableImportError } from './imports.errors';
import { ImportsRepository, renameInImportRuns } from './imports.repository';

const PROGRESS_EVERY = 50;

/**
 * Imports into a user's network. Small files run inline and answer with their report; larger ones are
 * stored on the import run and processed by the worker, which reports progress on the same row.
 * Contacts are matched before they are written, so importing the same file twice creates nothing new.
 */
@Injectable()
export class ImportsService implements OnModuleInit {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    private readonly runs: ImportsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly people: PeopleService,
    private readonly organizations: OrganizationsService,
    private readonly accountExport: AccountExportService,
    private readonly jobs: JobQueue<DossierJobs>,
  ) {}

  /** A merge moves the reports' rows about the merged person to the survivor (people sits below and cannot write here). */
  onModuleInit(): void {
    this.people.whenMerged((em, merge) => renameInImportRuns(em, merge.userId, merge.survivorId, merge.mergedId));
  }

  /** Parses first (so a broken file is a 400 at once), then runs inline or queues. */
  async start(userId: string, format: ImportFormat, payload: string): Promise<{ run: ImportRun; queued: boolean }> {
    const total = this.countItems(format, payload);
    if (format === 'dossier-json') await this.accountExport.assertEmptyAccount(userId);
    const queued = total > this.config.imports.inlineMaxRows;
    const run = this.runs.create({ userId, format, status: queued ? 'queued' : 'running', totalItems: total, processedItems: 0, payload: queued ? payload : null, report: null, error: null, finishedAt: null });
    await this.runs.insert(run);
    if (queued) {
      await this.jobs.enqueue({ name: JobName.RunImport, data: { importId: run.id } });
      return { run, queued };
    }
    await this.execute(run, payload, async () => undefined);
    return { run: await this.get(userId, run.id), queued };
  }

  async get(userId: string, id: string): Promise<ImportRun> {
    const run = await this.runs.findOwned(userId, id);
    if (!run) throw new NotFoundError('import', id);
    return run;
  }

  /** Newest first, a page at a time, with the total. */
  list(userId: string, page: { limit: number; offset: number }): Promise<[ImportRun[], number]> {
    return this.runs.page(userId, page.limit, page.offset);
  }

  /** Worker entry point. A retried job starts again; matching makes that safe. */
  async runQueued(importId: string, onProgress: (done: number, total: number) => Promise<void>): Promise<void> {
    const run = await this.runs.findById(importId);
    if (!run || run.status === 'completed' || run.payload === null) return;
    await this.runs.update(run.id, { status: 'running', processedItems: 0 });
    await this.execute(run, run.payload, onProgress);
  }

  private async execute(run: ImportRun, payload: string, onProgress: (done: number, total: number) => Promise<void>): Promise<void> {
    const progress = async (done: number): Promise<void> => {
      await this.runs.update(run.id, { processedItems: done });
      await onProgress(done, run.totalItems);
    };
    try {
      const report = run.format === 'dossier-json' ? await this.restore(run.userId, JSON.parse(payload) as AccountExport, progress) : await this.importContacts(run.userId, this.parse(run.format, payload), progress);
      await this.runs.update(run.id, { status: 'completed', report, processedItems: run.totalItems, payload: null, error: null, finishedAt: new Date() });
    } catch (e) {
      this.logger.warn(`import ${run.id} failed: ${(e as Error).message}`);
      await this.runs.update(run.id, { status: 'failed', error: (e as Error).message, finishedAt: new Date() });
      throw e;
    }
  }

  private async restore(userId: string, doc: AccountExport, progress: (done: number) => Promise<void>): Promise<ImportReport> {
    const { created, skips, afterCommit } = await this.accountExport.restore(userId, doc, progress);
    // Committed: what the parts left for now (the people's own schedulers, their works synced again
    // from the sources, as a scheduled sync would). Should it fail, the next default tick does it,
    // so the import still stands.
    try {
      await afterCommit();
    } catch (e) {
      this.logger.warn(`import for ${userId}: sync of the imported identities left to the next scheduled tick: ${(e as Error).message}`);
    }
    return { created, updated: 0, skipped: skips.length, skips, warnings: [] };
  }

  private countItems(format: ImportFormat, payload: string): number {
    if (format === 'dossier-json') {
      let doc: AccountExport;
      try {
        doc = JSON.parse(payload) as AccountExport;
      } catch {
        throw new UnreadableImportError('The Dossier export is not valid JSON');
      }
      return this.accountExport.countItems(doc);
    }
    const parsed = this.parse(format, payload);
    return parsed.rows.length + parsed.skipped.length;
  }

  private parse(format: Exclude<ImportFormat, 'dossier-json'>, payload: string): ParseResult {
    const parsed = format === 'linkedin-csv' ? parseLinkedInConnections(payload) : parseVCards(payload);
    if (parsed.rows.length === 0 && parsed.skipped.length > 0) {
      throw new UnreadableImportError(`Nothing to import: ${parsed.skipped[0].reason}`, parsed.skipped.slice(0, 20).map((s) => ({ field: `line ${s.line}`, problem: s.reason })));
    }
    return parsed;
  }

  private async importContacts(userId: string, parsed: ParseResult, progress: (done: number) => Promise<void>): Promise<ImportReport> {
    const report: ImportReport = { created: 0, updated: 0, skipped: parsed.skipped.length, skips: parsed.skipped.map((s) => ({ line: s.line, reason: s.reason })), warnings: [] };
    let done = parsed.skipped.length;
    for (const { line, draft } of parsed.rows) {
      try {
        const warnings: ImportReport['warnings'] = [];
        const outcome = await this.importDraft(userId, draft, (problem) => warnings.push({ line, problem }));
        // Each row about a person names them, so that erasing them finds the row even after a rename.
        report.warnings.push(...warnings.map((w) => ({ ...w, personId: outcome.personId })));
        if (outcome.kind === 'skipped') {
          report.skipped += 1;
          report.skips.push({ line, reason: outcome.reason, ...(outcome.personId ? { personId: outcome.personId } : {}) });
        } else report[outcome.kind] += 1;
      } catch (e) {
        // The database's own words are not the user's business (nor should they see them); the log keeps them.
        this.logger.warn(`import ${userId} line ${line} not saved: ${(e as Error).message}`);
        report.skipped += 1;
        report.skips.push({ line, reason: 'could not be saved' });
      }
      done += 1;
      if (done % PROGRESS_EVERY === 0) await progress(done);
    }
    report.skips.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return report;
  }

  private async importDraft(
    userId: string,
    draft: PersonDraft,
    warn: (problem: string) => void,
  ): Promise<{ kind: 'created' | 'updated'; personId: string } | { kind: 'skipped'; reason: string; personId?: string }> {
    const tooLong = tooLongField(draft);
    if (tooLong) return { kind: 'skipped', reason: tooLong };
    const { links, problems } = normalizeLinks(draft.links);
    for (const p of problems) warn(`${p.field} ${p.problem}; left out`);
    const emails = draft.emails.map((e) => normalizeEmail(e)).filter((e): e is string => e !== null);
    for (const e of draft.emails) if (!normalizeEmail(e)) warn(`"${e}" is not an email address; left out`);
    const phones = (draft.phones ?? []).map((p) => normalizePhone(p)).filter((p): p is string => p !== null);
    for (const p of draft.phones ?? []) if (!normalizePhone(p)) warn(`"${p}" is not a phone number; left out`);
    const match = await this.findMatch(userId, draft, links, emails);
    // The company is matched by name or alias; one is created only for someone who joins it (a new
    // person, or a known one without an organization), never left with nobody in it.
    const joins = !match || !match.organizationId;
    const known = draft.organizationName ? await this.organizations.findByName(userId, draft.organizationName) : null;
    const organizationId = known?.id ?? (draft.organizationName && joins ? (await this.organizations.findOrCreateByName(userId, draft.organizationName)).id : undefined);
    const teamId = organizationId && joins && draft.teamName ? (await this.organizations.findOrCreateTeam(userId, organizationId, draft.teamName)).id : undefined;
    if (draft.organizationName && !organizationId && match) warn(`the company "${draft.organizationName}" is none of your organizations or their aliases; ${match.fullName} keeps theirs`);
    if (!match) {
      const created = await this.people.create(userId, {
        fullName: draft.fullName,
        givenName: draft.givenName ?? null,
        familyName: draft.familyName ?? null,
        headline: draft.headline ?? null,
        role: draft.role ?? null,
        organizationId: organizationId ?? null,
        teamId: teamId ?? null,
        emails,
        phones,
        links,
        tags: draft.tags,
        notes: draft.notes ?? null,
        howWeMet: draft.connectedOn ? `LinkedIn connection since ${draft.connectedOn}` : null,
        relationshipStage: draft.connectedOn ? 'acquainted' : 'stranger',
      });
      return { kind: 'created', personId: created.id };
    }
    // Existing values win; the import only fills gaps and adds what is new.
    const patch: PersonInput = {};
    const fill = <K extends 'headline' | 'role' | 'notes' | 'givenName' | 'familyName'>(key: K, value: string | undefined): void => {
      if (value && !match[key]) patch[key] = value;
    };
    fill('headline', draft.headline);
    fill('role', draft.role);
    fill('notes', draft.notes);
    fill('givenName', draft.givenName);
    fill('familyName', draft.familyName);
    if (organizationId && !match.organizationId) {
      patch.organizationId = organizationId;
      if (teamId) patch.teamId = teamId;
    }
    const newEmails = emails.filter((e) => !match.emails.includes(e));
    if (newEmails.length) patch.emails = [...match.emails, ...newEmails];
    const havePhones = new Set(match.phones.map(phoneKey));
    const newPhones = phones.filter((p) => !havePhones.has(phoneKey(p)));
    if (newPhones.length) patch.phones = [...match.phones, ...newPhones];
    const newLinks = Object.fromEntries(Object.entries(links).filter(([k]) => !match.links[k as keyof PersonLinks]));
    if (Object.keys(newLinks).length) patch.links = newLinks;
    const newTags = draft.tags.filter((t) => !match.tags.includes(t));
    if (newTags.length) patch.tags = [...match.tags, ...newTags];
    if (Object.keys(patch).length === 0) return { kind: 'skipped', reason: `already up to date (${match.fullName})`, personId: match.id };
    await this.people.update(userId, match.id, patch);
    return { kind: 'updated', personId: match.id };
  }

  /** Same person: the id Dossier wrote into a vCard, then LinkedIn profile, then email, then folded name. */
  private async findMatch(userId: string, draft: PersonDraft, links: PersonLinks, emails: string[]): Promise<Person | null> {
    const uuid = /^urn:uuid:([0-9a-f-]{36})$/i.exec(draft.externalId ?? '')?.[1];
    return findContactMatch(this.runs.manager, userId, { id: uuid, linkedin: links.linkedin, emails, nameFolded: foldName(draft.fullName) });
  }
}

/** The API's limits: a field longer than a person or organization takes skips its row. */
const DRAFT_LIMITS: [keyof PersonDraft, string, number][] = [
  ['fullName', 'the name', PERSON_LIMITS.fullName],
  ['givenName', 'the first name', PERSON_LIMITS.givenName],
  ['familyName', 'the last name', PERSON_LIMITS.familyName],
  ['headline', 'the position', PERSON_LIMITS.headline],
  ['role', 'the role', PERSON_LIMITS.role],
  ['organizationName', 'the company', ORGANIZATION_NAME_MAX],
  ['teamName', 'the team', ORGANIZATION_NAME_MAX],
  ['notes', 'the note', PERSON_LIMITS.notes],
];

function tooLongField(draft: PersonDraft): string | null {
  for (const [key, label, max] of DRAFT_LIMITS) {
    const value = draft[key];
    if (typeof value === 'string' && value.length > max) return `${label} is longer than ${max.toLocaleString('en')} characters`;
  }
  return draft.tags.some((t) => t.length > PERSON_LIMITS.tag) ? `a category is longer than ${PERSON_LIMITS.tag} characters` : null;
}
