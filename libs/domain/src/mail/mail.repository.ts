import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { activeAccountZones, userContacts, type UserContact } from '../accounts/index';
import { MailLogEntry } from './mail-log.entity';
import { MailSettingsRow } from './mail-settings.entity';
import { DEFAULT_DIGEST_HOUR, type MailKind, type MailStatus } from './mail.types';

/** Every statement on mail settings and the mail log. */
@Injectable()
export class MailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  contacts(userIds: string[]): Promise<UserContact[]> {
    return userContacts(this.dataSource, userIds);
  }

  activeAccounts(): Promise<{ userId: string; timeZone: string }[]> {
    return activeAccountZones(this.dataSource);
  }

  /** The digest settings that differ from the defaults (turned off, or another hour), by account. */
  async digestChoices(): Promise<Map<string, { on: boolean; hour: number }>> {
    const rows = (await this.dataSource.query(`SELECT user_id, digest_on, digest_hour FROM mail_settings WHERE NOT digest_on OR digest_hour <> ${DEFAULT_DIGEST_HOUR}`)) as { user_id: string; digest_on: boolean; digest_hour: number }[];
    return new Map(rows.map((r) => [r.user_id, { on: r.digest_on, hour: r.digest_hour }]));
  }

  settingsOf(userIds: string[]): Promise<MailSettingsRow[]> {
    if (!userIds.length) return Promise.resolve([]);
    return this.dataSource.manager.createQueryBuilder(MailSettingsRow, 's').where('s.user_id = ANY(:ids)', { ids: userIds }).getMany();
  }

  /** Creates the account's row with the defaults where it has none, then applies `patch`. */
  async saveSettings(userId: string, patch: Partial<Omit<MailSettingsRow, 'userId' | 'user' | 'updatedAt'>>): Promise<void> {
    await this.dataSource.manager.createQueryBuilder().insert().into(MailSettingsRow).values({ userId }).orIgnore().execute();
    if (Object.keys(patch).length) await this.dataSource.manager.update(MailSettingsRow, { userId }, patch);
  }

  /** The new row, or null when the account already has one with the same dedupe key. */
  async insertLog(fields: Pick<MailLogEntry, 'userId' | 'kind' | 'toAddress' | 'subject' | 'status' | 'dedupeKey'>): Promise<MailLogEntry | null> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .insert()
      .into(MailLogEntry)
      .values({ ...fields, attempts: 0, error: null, sentAt: null })
      .orIgnore()
      .returning('*')
      .execute();
    const id = (result.raw as { id: string }[])[0]?.id;
    return id ? this.findLog(id) : null;
  }

  findLog(id: string): Promise<MailLogEntry | null> {
    return this.dataSource.manager.findOneBy(MailLogEntry, { id });
  }

  findByDedupeKey(userId: string, dedupeKey: string): Promise<MailLogEntry | null> {
    return this.dataSource.manager.findOneBy(MailLogEntry, { userId, dedupeKey });
  }

  /** Which of `keys` the accounts' logs already hold, as `<userId> <key>`. */
  async loggedKeys(userIds: string[], keys: string[]): Promise<Set<string>> {
    if (!userIds.length || !keys.length) return new Set();
    const rows = (await this.dataSource.query('SELECT user_id, dedupe_key FROM mail_log WHERE user_id = ANY($1::uuid[]) AND dedupe_key = ANY($2::text[])', [userIds, keys])) as { user_id: string; dedupe_key: string }[];
    return new Set(rows.map((r) => `${r.user_id} ${r.dedupe_key}`));
  }

  async updateLog(id: string, patch: Partial<Pick<MailLogEntry, 'status' | 'attempts' | 'error' | 'sentAt'>>): Promise<void> {
    await this.dataSource.manager.update(MailLogEntry, { id }, patch);
  }

  /** The account's mail, newest first. */
  pageLog(userId: string, filter: { status?: MailStatus; kind?: MailKind }, limit: number, offset: number): Promise<[MailLogEntry[], number]> {
    return this.dataSource.manager.findAndCount(MailLogEntry, {
      where: { userId, ...(filter.status ? { status: filter.status } : {}), ...(filter.kind ? { kind: filter.kind } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
  }

  /** Mail that failed for good since `since`: how many, and the latest. */
  async failedSince(userId: string, since: Date): Promise<{ count: number; latest: MailLogEntry | null }> {
    const [items, count] = await this.dataSource.manager.findAndCount(MailLogEntry, { where: { userId, status: 'failed' }, order: { updatedAt: 'DESC' }, take: 1 });
    const recent = items[0] && items[0].updatedAt >= since ? items[0] : null;
    if (!recent) return { count: 0, latest: null };
    const [row] = (await this.dataSource.query("SELECT count(*)::int AS n FROM mail_log WHERE user_id = $1 AND status = 'failed' AND updated_at >= $2", [userId, since])) as { n: number }[];
    return { count: Math.min(count, row.n), latest: recent };
  }
}
