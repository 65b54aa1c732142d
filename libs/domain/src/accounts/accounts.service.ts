import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, QueryFailedError, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig, NotFoundError } from '#platform';
import { AccessToken, AccessTokenKind } from './access-token.entity';
import { EmailTakenError, InvalidCredentialsError, UnauthenticatedError } from './accounts.errors';
import { hashPassword, verifyPassword } from './password-hasher';
import { SecondFactorResult, TwoFactorService } from './two-factor.service';
import { User } from './user.entity';

export interface AuthenticatedUser {
  userId: string;
  tokenId: string;
}

export interface IssuedToken {
  token: string;
  record: AccessToken;
}

const TOKEN_PREFIX = 'dsr_';

/** Accounts, logins and bearer tokens. Tokens are random; only their SHA-256 is stored. */
@Injectable()
export class AccountsService {
  /** Verified tokens, trusted for a few seconds so that a hot read path costs one query, not two. */
  private readonly cache = new Map<string, { user: AuthenticatedUser; until: number }>();

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(AccessToken) private readonly tokens: Repository<AccessToken>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly twoFactor: TwoFactorService, // [two-factor]
  ) {}

  async register(input: { email: string; password: string; displayName?: string; timeZone?: string }): Promise<{ user: User; session: IssuedToken }> {
    const email = input.email.trim().toLowerCase();
    const user = this.users.create({
      email,
      displayName: input.displayName?.trim() || email.split('@')[0],
      passwordHash: await hashPassword(input.password),
      timeZone: input.timeZone ?? 'UTC',
    });
    try {
      await this.users.insert(user);
    } catch (e) {
      if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505') throw new EmailTakenError();
      throw e;
    }
    return { user, session: await this.issue(user.id, 'session', 'login') };
  }

  /** `code`: the second factor, needed when the account has two-factor on (a TOTP or a recovery code). */
  async login(emailInput: string, password: string, code?: string): Promise<{ user: User; session: IssuedToken; secondFactor: SecondFactorResult }> {
    const user = await this.users.findOneBy({ email: emailInput.trim().toLowerCase() });
    // Verify against a dummy hash when the user is unknown, so timing does not reveal which emails exist.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) throw new InvalidCredentialsError();
    // [two-factor] No session before the second factor: throws auth.two-factor-required / -invalid.
    const secondFactor = await this.twoFactor.verifySignIn(user.id, code);
    return { user, session: await this.issue(user.id, 'session', 'login'), secondFactor };
  }

  async getUser(userId: string): Promise<User> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new NotFoundError('user');
    return user;
  }

  async updateUser(userId: string, patch: { displayName?: string; timeZone?: string }): Promise<User> {
    const user = await this.getUser(userId);
    Object.assign(user, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
    return this.users.save(user);
  }

  async createPersonalToken(userId: string, name: string, expiresInDays?: number): Promise<IssuedToken> {
    return this.issue(userId, 'personal', name, expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null);
  }

  listPersonalTokens(userId: string): Promise<AccessToken[]> {
    return this.tokens.find({ where: { userId, kind: 'personal', revokedAt: IsNull() }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  async revokeToken(userId: string, tokenId: string): Promise<void> {
    const result = await this.tokens.update({ id: tokenId, userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!result.affected) throw new NotFoundError('token', tokenId);
    for (const [hash, entry] of this.cache) if (entry.user.tokenId === tokenId) this.cache.delete(hash);
  }

  /** Resolves a bearer token to its user, or throws 401. */
  async authenticate(token: string | undefined): Promise<AuthenticatedUser> {
    if (!token) throw new UnauthenticatedError();
    const hash = sha256(token);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.user;
    const record = await this.tokens.findOneBy({ tokenHash: hash });
    if (!record || record.revokedAt || (record.expiresAt && record.expiresAt.getTime() <= now)) {
      this.cache.delete(hash);
      throw new UnauthenticatedError('The bearer token is unknown, expired or revoked');
    }
    const user = { userId: record.userId, tokenId: record.id };
    const ttl = this.config.auth.tokenCacheSeconds * 1000;
    if (ttl > 0) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(hash, { user, until: Math.min(now + ttl, record.expiresAt?.getTime() ?? Infinity) });
      // Recording use at most once per cache period keeps the read path free of writes.
      void this.tokens.update({ id: record.id }, { lastUsedAt: new Date() }).catch(() => undefined);
    }
    return user;
  }

  private async issue(userId: string, kind: AccessTokenKind, name: string, expiresAt?: Date | null): Promise<IssuedToken> {
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const record = this.tokens.create({
      userId,
      kind,
      name,
      tokenHash: sha256(token),
      tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6),
      expiresAt: kind === 'session' ? new Date(Date.now() + this.config.auth.sessionTtlHours * 3_600_000) : (expiresAt ?? null),
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.tokens.insert(record);
    return { token, record };
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const DUMMY_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
