import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '#platform';
import { User } from '../accounts/user.entity';
import { Interaction } from '../interactions/interaction.entity';
import { Organization } from '../organizations/organization.entity';
import { Team } from '../organizations/team.entity';
import { foldText } from '../people/name-folding';
import { Person } from '../people/person.entity';
import { AccountExport, EXPORT_FORMAT, EXPORT_VERSION } from './account-export.types';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const BATCH = 500;

/**
 * Whole-account export and restore. Restore writes the tables of several modules at once, in one
 * transaction, because a partial restore would be worse than none.
 */
@Injectable()
export class AccountExportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async export(userId: string): Promise<AccountExport> {
    const em = this.dataSource.manager;
    const user = await em.findOneBy(User, { id: userId });
    if (!user) throw new NotFoundError('user', userId);
    const [organizations, teams, people, interactions] = await Promise.all([
      em.find(Organization, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } }),
      em.find(Team, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } }),
      em.find(Person, { where: { userId }, withDeleted: true, order: { createdAt: 'ASC', id: 'ASC' } }),
      em.find(Interaction, { where: { userId }, order: { occurredAt: 'ASC', id: 'ASC' } }),
    ]);
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: new Date().toISOString(),
      account: { displayName: user.displayName, timeZone: user.timeZone },
      organizations: organizations.map((o) => ({
        id: o.id,
        name: o.name,
        website: o.website,
        description: o.description,
        researchNotes: o.researchNotes,
        tags: o.tags,
        createdAt: o.createdAt.toISOString(),
        updatedAt: o.updatedAt.toISOString(),
        teams: teams
          .filter((t) => t.organizationId === o.id)
          .map((t) => ({ id: t.id, name: t.name, description: t.description, researchNotes: t.researchNotes, createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString() })),
      })),
      people: people.map((p) => ({
        id: p.id,
        fullName: p.fullName,
        givenName: p.givenName,
        familyName: p.familyName,
        headline: p.headline,
        role: p.role,
        organizationId: p.organizationId,
        teamId: p.teamId,
        emails: p.emails,
        links: p.links,
        tags: p.tags,
        howWeMet: p.howWeMet,
        relationshipStage: p.relationshipStage,
        notes: p.notes,
        nextFollowUpAt: p.nextFollowUpAt,
        followUpCadenceDays: p.followUpCadenceDays,
        lastInteractionAt: iso(p.lastInteractionAt),
        createdAt: p.createdAt.toISOString(),
        updatedAt: p.updatedAt.toISOString(),
        deletedAt: iso(p.deletedAt),
      })),
      interactions: interactions.map((i) => ({
        id: i.id,
        personId: i.personId,
        type: i.type,
        occurredAt: i.occurredAt.toISOString(),
        channel: i.channel,
        summary: i.summary,
        offered: i.offered,
        createdAt: i.createdAt.toISOString(),
        updatedAt: i.updatedAt.toISOString(),
      })),
    };
  }

  /** Number of records a restore of this document writes (its progress total). */
  static countItems(doc: AccountExport): number {
    return doc.organizations.length + doc.organizations.reduce((n, o) => n + o.teams.length, 0) + doc.people.length + doc.interactions.length;
  }

  async assertEmptyAccount(userId: string): Promise<void> {
    const [{ count }] = (await this.dataSource.query(
      `SELECT (SELECT count(*) FROM people WHERE user_id = $1) + (SELECT count(*) FROM organizations WHERE user_id = $1) AS count`,
      [userId],
    )) as { count: string }[];
    if (Number(count) > 0) throw new ConflictError('import.account-not-empty', 'A Dossier export can only be imported into an empty account (no people, no organizations)');
  }

  /**
   * Restores an export into an empty account, giving every record a new id and keeping every
   * reference and timestamp. References to ids the document does not hold are reported, not guessed.
   */
  async restore(userId: string, doc: AccountExport, onProgress: (done: number) => Promise<void>): Promise<{ created: number; skips: { item: string; reason: string }[] }> {
    return this.dataSource.transaction(async (em) => {
      await this.assertEmptyAccountIn(em, userId);
      const ids = new Map<string, string>();
      const fresh = (old: string): string => {
        const id = randomUUID();
        ids.set(old, id);
        return id;
      };
      const skips: { item: string; reason: string }[] = [];
      let done = 0;
      const write = async <T extends object>(target: new () => T, rows: Partial<T>[]): Promise<void> => {
        for (let i = 0; i < rows.length; i += BATCH) {
          await em.createQueryBuilder().insert().into(target).values(rows.slice(i, i + BATCH) as never).execute();
          done += Math.min(BATCH, rows.length - i);
          await onProgress(done);
        }
      };
      await em.update(User, { id: userId }, { displayName: doc.account.displayName, timeZone: doc.account.timeZone });
      await write(
        Organization,
        doc.organizations.map((o) => ({ id: fresh(o.id), userId, name: o.name, nameFolded: foldText(o.name), website: o.website, description: o.description, researchNotes: o.researchNotes, tags: o.tags, createdAt: new Date(o.createdAt), updatedAt: new Date(o.updatedAt) })),
      );
      await write(
        Team,
        doc.organizations.flatMap((o) => o.teams.map((t) => ({ id: fresh(t.id), userId, organizationId: ids.get(o.id)!, name: t.name, nameFolded: foldText(t.name), description: t.description, researchNotes: t.researchNotes, createdAt: new Date(t.createdAt), updatedAt: new Date(t.updatedAt) }))),
      );
      const people = doc.people.map((p) => {
        const ref = (id: string | null, what: string): string | null => {
          if (!id) return null;
          const mapped = ids.get(id);
          if (!mapped) skips.push({ item: `people[${p.id}].${what}`, reason: `refers to ${id}, which is not in the document; left empty` });
          return mapped ?? null;
        };
        return {
          id: fresh(p.id),
          userId,
          fullName: p.fullName,
          nameFolded: foldText(p.fullName),
          givenName: p.givenName,
          familyName: p.familyName,
          headline: p.headline,
          role: p.role,
          organizationId: ref(p.organizationId, 'organizationId'),
          teamId: ref(p.teamId, 'teamId'),
          emails: p.emails,
          links: p.links,
          tags: p.tags,
          howWeMet: p.howWeMet,
          relationshipStage: p.relationshipStage,
          notes: p.notes,
          nextFollowUpAt: p.nextFollowUpAt,
          followUpCadenceDays: p.followUpCadenceDays,
          lastInteractionAt: p.lastInteractionAt ? new Date(p.lastInteractionAt) : null,
          createdAt: new Date(p.createdAt),
          updatedAt: new Date(p.updatedAt),
          deletedAt: p.deletedAt ? new Date(p.deletedAt) : null,
        };
      });
      await write(Person, people);
      const interactions = doc.interactions.flatMap((i) => {
        const personId = ids.get(i.personId);
        if (!personId) {
          skips.push({ item: `interactions[${i.id}]`, reason: `refers to person ${i.personId}, which is not in the document` });
          return [];
        }
        return [{ id: fresh(i.id), userId, personId, type: i.type, occurredAt: new Date(i.occurredAt), channel: i.channel, summary: i.summary, offered: i.offered, createdAt: new Date(i.createdAt), updatedAt: new Date(i.updatedAt) }];
      });
      await write(Interaction, interactions);
      return { created: done, skips };
    });
  }

  private async assertEmptyAccountIn(em: EntityManager, userId: string): Promise<void> {
    // Serializes concurrent restores into one account.
    await em.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId]);
    const people = await em.count(Person, { where: { userId }, withDeleted: true });
    const orgs = await em.count(Organization, { where: { userId } });
    if (people + orgs > 0) throw new ConflictError('import.account-not-empty', 'A Dossier export can only be imported into an empty account (no people, no organizations)');
  }
}
