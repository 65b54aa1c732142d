import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsWhere, IsNull } from 'typeorm';
import { AccessToken, AccessTokenKind, TokenScope } from './access-token.entity';
import type { UserRole } from './user.entity';

/** What authenticating a bearer token reads: the token's row with its user's role and disabled flag. */
export interface BearerTokenRow {
  id: string;
  user_id: string;
  kind: AccessTokenKind;
  scopes: TokenScope[];
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  last_ip: string | null;
  role: UserRole;
  disabled_at: Date | null;
}

/** Every statement on access tokens (sessions and personal tokens). */
@Injectable()
export class AccessTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  build(fields: Partial<AccessToken>): AccessToken {
    return this.dataSource.manager.create(AccessToken, fields);
  }

  async insert(token: AccessToken): Promise<void> {
    await this.dataSource.manager.insert(AccessToken, token);
  }

  /** One indexed query a request, no cache (see AccountsService.authenticate). */
  async findBearer(tokenHash: string): Promise<BearerTokenRow | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT t.id, t.user_id, t.kind, t.scopes, t.expires_at, t.revoked_at, t.last_used_at, t.last_ip, u.role, u.disabled_at
         FROM access_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1`,
      [tokenHash],
    )) as BearerTokenRow[];
    return row;
  }

  async markUsed(id: string, ip: string | null): Promise<void> {
    await this.dataSource.query('UPDATE access_tokens SET last_used_at = now(), last_ip = coalesce($2, last_ip) WHERE id = $1', [id, ip]);
  }

  /** Revokes one token of the user of that kind; answers its name, or null when there was none to revoke. */
  async revoke(userId: string, tokenId: string, kind: AccessTokenKind): Promise<{ name: string } | null> {
    const [rows] = (await this.dataSource.query(`UPDATE access_tokens SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND kind = $3 AND revoked_at IS NULL RETURNING name`, [
      tokenId,
      userId,
      kind,
    ])) as [{ name: string }[], number];
    return rows[0] ?? null;
  }

  /** Ends the user's other live sessions; answers how many. */
  async revokeOtherSessions(em: EntityManager, userId: string, keepId: string): Promise<number> {
    const ended = (await em.query(
      `UPDATE access_tokens SET revoked_at = now() WHERE user_id = $1 AND kind = 'session' AND id <> $2 AND revoked_at IS NULL AND expires_at > now() RETURNING id`,
      [userId, keepId],
    )) as [unknown[], number];
    return ended[1];
  }

  countPersonal(em: EntityManager, userId: string): Promise<number> {
    return em.countBy(AccessToken, { userId, kind: 'personal', revokedAt: IsNull() });
  }

  /** Newest first. */
  page(where: FindOptionsWhere<AccessToken>, limit: number, offset: number): Promise<[AccessToken[], number]> {
    return this.dataSource.manager.findAndCount(AccessToken, { where, order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
  }
}
