import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { OwnedRecord } from './owned-record.entity';

export type AccessTokenKind = 'session' | 'personal';
/** `read`: GET and HEAD; `write`: every other method. A session has both. */
export type TokenScope = 'read' | 'write';
export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'write'];

/** A bearer credential: a login session or a personal access token. Only its SHA-256 is stored. */
@Entity('access_tokens')
@Index(['userId'])
export class AccessToken extends OwnedRecord {
  @Column({ type: 'text' })
  kind: AccessTokenKind;

  @Column({ type: 'text' })
  name: string;

  @Index({ unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  /** The first characters of the token, so a user can tell tokens apart in a list. */
  @Column({ name: 'token_prefix', type: 'text' })
  tokenPrefix: string;

  @Column({ type: 'text', array: true })
  scopes: TokenScope[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Where it was issued from: the client's address and User-Agent (shortened), to tell sessions apart. */
  @Column({ name: 'created_ip', type: 'text', nullable: true })
  createdIp: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  /** Written at most once a minute per token (and when the address changes), off the request's path. */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'last_ip', type: 'text', nullable: true })
  lastIp: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
