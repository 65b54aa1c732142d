import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere, IsNull, MoreThan, QueryFailedError } from 'typeorm';
import { APP_CONFIG, AppConfig, NotFoundError } from '#platform';
import type { Page } from '../people/index';
import { ClientInfo, NO_CLIENT, SecurityEventsService } from '../security-events/index';
import { AccessToken, AccessTokenKind, TOKEN_SCOPES, TokenScope } from './access-token.entity';
import { AccessTokensRepository } from './access-tokens.repository';
import {
  AccountDisabledError,
  EmailTakenError,
  InvalidCredentialsError,
  InvitationInvalidError,
  InvitationRequiredError,
  RegistrationClosedError,
  ScopeEscalationError,
  UnauthenticatedError,
  WrongPasswordError,
} from './accounts.errors';
import { Invitation } from './invitation.entity';
import { InvitationsRepository } from './invitations.repository';
import { hashPassword, verifyPassword } from './password-hasher';
import { SecondFactorResult, TwoFactorService } from './two-factor.service';
import { TwoFactorInvalidError } from './two-factor.errors';
import { User, UserRole } from './user.entity';
import { UsersRepository } from './users.repository';

/** Who a request is, from its bearer token: read from the database on every request (see authenticate). */
export interface AuthenticatedUser {
  userId: string;
  tokenId: string;
  kind: AccessTokenKind;
  scopes: TokenScope[];
  role: UserRole;
  expiresAt: Date | null;
}

export interface IssuedToken {
  token: string;
  record: AccessToken;
}

export interface RegisterInput {
  email: string;
  password: string;
  displayName?: string;
  timeZone?: string;
  invitation?: string;
}

const TOKEN_PREFIX = 'dsr_';
/** A token's use is written back at most this often (and whenever its address changes). */
const LAST_USED_EVERY_MS = 60_000;
/** One registration at a time decides who is first, so two at once cannot both become admin. */
const REGISTRATION_LOCK = "hashtext('dossier.registration')";

/** Accounts, logins and bearer tokens. Tokens are random; only their SHA-256 is stored. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: AccessTokensRepository,
    private readonly invitations: InvitationsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: SecurityEventsService,
    private readonly twoFactor: TwoFactorService, // [two-factor]
  ) {}

  /**
   * The first account on a server becomes its admin, whatever REGISTRATION says; after it, `invite`
   * needs an unused, unexpired invitation (spent here, in the same transaction), `open` lets anyone
   * in and `closed` nobody.
   */
  async register(input: RegisterInput, client: ClientInfo = NO_CLIENT): Promise<{ user: User; session: IssuedToken }> {
    const email = normalizeEmail(input.email);
    const passwordHash = await hashPassword(input.password);
    let user: User;
    try {
      user = await this.users.transaction(async (em) => {
        await this.users.advisoryLock(em, REGISTRATION_LOCK);
        const first = !(await this.users.any(em));
        const invitation = first ? null : await this.admissionFor(em, email, input.invitation);
        const created = this.users.build(em, {
          email,
          displayName: input.displayName?.trim() || email.split('@')[0],
          passwordHash,
          timeZone: input.timeZone ?? 'UTC',
          role: first ? 'admin' : 'user',
          disabledAt: null,
          lastSignInAt: null,
        });
        await this.users.insert(em, created);
        if (invitation) await this.invitations.markUsed(em, invitation.id, created.id);
        return created;
      });
    } catch (e) {
      if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505') throw new EmailTakenError();
      throw e;
    }
    return { user, session: await this.signIn(user, client, 'registration') };
  }

  /** What GET /auth/registration tells a sign-up page before it asks for anything. */
  async registration(): Promise<{ mode: AppConfig['auth']['registration']; firstAccount: boolean }> {
    return { mode: this.config.auth.registration, firstAccount: !(await this.users.any()) };
  }

  /** `code`: the second factor, needed when the account has two-factor on (a TOTP or a recovery code). */
  async login(emailInput: string, password: string, client: ClientInfo = NO_CLIENT, code?: string): Promise<{ user: User; session: IssuedToken; secondFactor: SecondFactorResult }> {
    const user = await this.users.findByEmail(normalizeEmail(emailInput));
    // Verify against a dummy hash when the user is unknown, so timing does not reveal which emails exist.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      if (user) await this.events.record(user.id, 'sign-in-failed', { ...client, details: { reason: 'wrong-password' } });
      throw new InvalidCredentialsError();
    }
    if (user.disabledAt) {
      await this.events.record(user.id, 'sign-in-failed', { ...client, details: { reason: 'account-disabled' } });
      throw new AccountDisabledError();
    }
    // [two-factor] No session before the second factor: throws auth.two-factor-required / -invalid.
    let secondFactor: SecondFactorResult;
    try {
      secondFactor = await this.twoFactor.verifySignIn(user.id, code);
    } catch (e) {
      if (e instanceof TwoFactorInvalidError) await this.events.record(user.id, 'sign-in-failed', { ...client, details: { reason: 'wrong-second-factor' } });
      throw e;
    }
    if (secondFactor.method === 'recovery-code') {
      await this.events.record(user.id, 'recovery-code-used', { ...client, details: { recoveryCodesLeft: secondFactor.recoveryCodesLeft ?? 0 } });
    }
    const method = secondFactor.method === 'none' ? 'password' : secondFactor.method === 'totp' ? 'password+totp' : 'password+recovery-code';
    return { user, session: await this.signIn(user, client, method), secondFactor };
  }

  async getUser(userId: string): Promise<User> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundError('user');
    return user;
  }

  async updateUser(userId: string, patch: { displayName?: string; timeZone?: string }): Promise<User> {
    const user = await this.getUser(userId);
    Object.assign(user, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
    return this.users.save(user);
  }

  /**
   * Changes the password and ends every other sign-in session: whoever signed in with the old one is
   * out. Personal access tokens stay: they are separate credentials the user created, named and can
   * see and revoke one by one at /tokens, and scripts rely on them; the event says how many remain.
   */
  async changePassword(caller: AuthenticatedUser, currentPassword: string, newPassword: string, client: ClientInfo = NO_CLIENT): Promise<void> {
    const user = await this.getUser(caller.userId);
    if (!(await verifyPassword(currentPassword, user.passwordHash))) throw new WrongPasswordError();
    const passwordHash = await hashPassword(newPassword);
    const changed = await this.users.transaction(async (em) => {
      await this.users.update(user.id, { passwordHash }, em);
      const ended = await this.tokens.revokeOtherSessions(em, user.id, caller.tokenId);
      const kept = await this.tokens.countPersonal(em, user.id);
      return this.events.record(user.id, 'password-changed', { ...client, details: { sessionsEnded: ended, personalTokensKept: kept } }, em);
    });
    // The mail that says so is queued once the change has committed, never for one that rolled back.
    await changed.announce();
  }

  /**
   * A personal access token. Its scopes default to the caller's and may not exceed them; a token
   * made by an expiring personal token expires no later than it.
   */
  async createPersonalToken(
    caller: AuthenticatedUser,
    input: { name: string; expiresInDays?: number; scopes?: TokenScope[] },
    client: ClientInfo = NO_CLIENT,
  ): Promise<IssuedToken> {
    const scopes = TOKEN_SCOPES.filter((s) => (input.scopes ?? caller.scopes).includes(s));
    const missing = scopes.filter((s) => !caller.scopes.includes(s));
    if (missing.length > 0) throw new ScopeEscalationError(missing);
    let expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
    if (caller.kind === 'personal' && caller.expiresAt && (!expiresAt || expiresAt > caller.expiresAt)) expiresAt = caller.expiresAt;
    const issued = await this.issue(caller.userId, 'personal', input.name, client, { scopes, expiresAt });
    await this.events.record(caller.userId, 'token-created', { ...client, details: { tokenId: issued.record.id, name: input.name, scopes, expiresAt: expiresAt?.toISOString() ?? null } });
    return issued;
  }

  /** Personal tokens not revoked (expired ones too, marked by their date), newest first. */
  async listPersonalTokens(userId: string, page: { limit?: number; offset?: number } = {}): Promise<Page<AccessToken>> {
    return this.pageOf({ userId, kind: 'personal', revokedAt: IsNull() }, page);
  }

  /** Sign-in sessions still valid, newest first. */
  async listSessions(userId: string, page: { limit?: number; offset?: number } = {}): Promise<Page<AccessToken>> {
    return this.pageOf({ userId, kind: 'session', revokedAt: IsNull(), expiresAt: MoreThan(new Date()) }, page);
  }

  async revokePersonalToken(userId: string, tokenId: string, client: ClientInfo = NO_CLIENT): Promise<void> {
    const revoked = await this.revoke(userId, tokenId, 'personal');
    if (!revoked) throw new NotFoundError('token', tokenId);
    await this.events.record(userId, 'token-revoked', { ...client, details: { tokenId, name: revoked.name } });
  }

  async revokeSession(userId: string, sessionId: string, client: ClientInfo = NO_CLIENT): Promise<void> {
    if (!(await this.revoke(userId, sessionId, 'session'))) throw new NotFoundError('session', sessionId);
    await this.events.record(userId, 'session-revoked', { ...client, details: { sessionId } });
  }

  /** POST /auth/logout: the credential the request came with stops working. */
  async logout(caller: AuthenticatedUser, client: ClientInfo = NO_CLIENT): Promise<void> {
    const revoked = await this.revoke(caller.userId, caller.tokenId, caller.kind);
    if (revoked && caller.kind === 'personal') await this.events.record(caller.userId, 'token-revoked', { ...client, details: { tokenId: caller.tokenId, name: revoked.name } });
  }

  /**
   * Resolves a bearer token to its user, or throws 401. One indexed query a request, no cache: a
   * token revoked, expired or disabled through any process is refused on the next request everywhere.
   * `npm run bench:api` measured what that costs (see the README).
   */
  async authenticate(token: string | undefined, client: ClientInfo = NO_CLIENT): Promise<AuthenticatedUser> {
    if (!token || token.length > 200) throw new UnauthenticatedError();
    const row = await this.tokens.findBearer(sha256(token));
    const now = Date.now();
    if (!row || row.revoked_at || (row.expires_at && row.expires_at.getTime() <= now)) {
      throw new UnauthenticatedError('The bearer token is unknown, expired or revoked');
    }
    if (row.disabled_at) throw new UnauthenticatedError('This account is disabled');
    if (!row.last_used_at || now - row.last_used_at.getTime() > LAST_USED_EVERY_MS || (client.ip && client.ip !== row.last_ip)) {
      // Off the request's path: an answer never waits for this write, nor fails with it.
      void this.tokens.markUsed(row.id, client.ip).catch(() => undefined);
    }
    return { userId: row.user_id, tokenId: row.id, kind: row.kind, scopes: row.scopes, role: row.role, expiresAt: row.expires_at };
  }

  private async signIn(user: User, client: ClientInfo, method: 'password' | 'password+totp' | 'password+recovery-code' | 'registration'): Promise<IssuedToken> {
    const session = await this.issue(user.id, 'session', 'login', client, { scopes: [...TOKEN_SCOPES], expiresAt: new Date(Date.now() + this.config.auth.sessionTtlHours * 3_600_000) });
    user.lastSignInAt = session.record.createdAt;
    await this.users.update(user.id, { lastSignInAt: user.lastSignInAt });
    await this.events.record(user.id, 'sign-in', { ...client, details: { method, sessionId: session.record.id } });
    return session;
  }

  /** Checks that a new account may be created now; returns the invitation to spend, if one is needed. */
  private async admissionFor(em: EntityManager, email: string, token: string | undefined): Promise<Invitation | null> {
    const mode = this.config.auth.registration;
    if (mode === 'open') return null;
    if (mode === 'closed') throw new RegistrationClosedError();
    if (!token) throw new InvitationRequiredError();
    const invitation = await this.invitations.lockByTokenHash(em, sha256(token));
    if (!invitation || invitation.usedAt || invitation.expiresAt.getTime() <= Date.now()) throw new InvitationInvalidError();
    if (invitation.email && invitation.email !== email) throw new InvitationInvalidError('This invitation was sent to another email address');
    return invitation;
  }

  private revoke(userId: string, tokenId: string, kind: AccessTokenKind): Promise<{ name: string } | null> {
    return this.tokens.revoke(userId, tokenId, kind);
  }

  private async pageOf(where: FindOptionsWhere<AccessToken>, page: { limit?: number; offset?: number }): Promise<Page<AccessToken>> {
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    const [items, total] = await this.tokens.page(where, limit, offset);
    return { items, total, limit, offset };
  }

  private async issue(userId: string, kind: AccessTokenKind, name: string, client: ClientInfo, options: { scopes: TokenScope[]; expiresAt: Date | null }): Promise<IssuedToken> {
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const record = this.tokens.build({
      userId,
      kind,
      name,
      tokenHash: sha256(token),
      tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6),
      scopes: options.scopes,
      expiresAt: options.expiresAt,
      createdIp: client.ip,
      userAgent: client.userAgent,
      lastUsedAt: null,
      lastIp: null,
      revokedAt: null,
    });
    await this.tokens.insert(record);
    return { token, record };
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const DUMMY_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
