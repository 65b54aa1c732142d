import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { generateSecret, generateURI, verifySync } from 'otplib';
import type { EntityManager } from 'typeorm';
import { CLOCK, Clock, NotFoundError, SECRET_KEYRING, SecretKeyring } from '#platform';
import { verifyPassword } from './password-hasher';
import { SignInThrottleService } from './sign-in-throttle.service';
import { UserTwoFactor } from './two-factor.entity';
import { TwoFactorRepository } from './two-factor.repository';
import {
  PasswordMismatchError,
  TwoFactorAlreadyEnabledError,
  TwoFactorCodeInvalidError,
  TwoFactorInvalidError,
  TwoFactorNotEnabledError,
  TwoFactorNotPendingError,
  TwoFactorRequiredError,
} from './two-factor.errors';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';

/** The name authenticator apps show beside the account. */
const ISSUER = 'Dossier';
/** RFC 6238's defaults, which every authenticator app uses: 30 s steps, 6 digits, HMAC-SHA-1. */
const PERIOD_SECONDS = 30;
/** RFC 4226 asks for 160 bits. */
const SEED_BYTES = 20;
const RECOVERY_CODE_COUNT = 10;
/** Crockford's base32 (no i, l, o, u): 10 random bytes are exactly 16 characters, 80 bits. */
const RECOVERY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** How a second factor was proven; `none` when the account has none. What the caller records as security events. */
export type SecondFactorMethod = 'none' | 'totp' | 'recovery-code';

export interface SecondFactorResult {
  method: SecondFactorMethod;
  /** After a recovery code was used: how many unused ones remain (the user should make new ones near 0). */
  recoveryCodesLeft?: number;
}

export interface PendingEnrolment {
  /** The base32 seed, for typing into the app by hand. Shown once. */
  secret: string;
  /** `otpauth://totp/…`, for a QR code. Shown once. */
  otpauthUrl: string;
}

/**
 * Two-factor sign-in with an authenticator app (TOTP, RFC 6238, through otplib) and one-time
 * recovery codes. Enrolling needs the password, and a first valid code turns it on. Every check of
 * a password or code here runs through the sign-in throttle, so a stolen session cannot be used to
 * guess the password or a code at leisure. Each method returns what happened, for the caller to
 * record (two-factor-enabled, recovery-code-used, …).
 */
@Injectable()
export class TwoFactorService {
  private readonly logger = new Logger('TwoFactor');

  constructor(
    private readonly enrolments: TwoFactorRepository,
    private readonly users: UsersRepository,
    private readonly throttle: SignInThrottleService,
    @Inject(SECRET_KEYRING) private readonly keyring: SecretKeyring,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async isEnabled(userId: string): Promise<boolean> {
    return (await this.enrolled(userId)) !== null;
  }

  /** Starts (or restarts) an enrolment: a new seed, kept sealed, waiting for its first code. */
  async begin(userId: string, password: string, ip: string): Promise<PendingEnrolment> {
    const user = await this.reauthenticate(userId, password, undefined, ip);
    if (await this.enrolled(userId)) throw new TwoFactorAlreadyEnabledError();
    const secret = generateSecret({ length: SEED_BYTES });
    const sealed = this.keyring.seal(secret, userId);
    // Only a pending enrolment is replaced: one turned on meanwhile stays as it is.
    if (!(await this.enrolments.upsertPending(userId, sealed))) throw new TwoFactorAlreadyEnabledError();
    return { secret, otpauthUrl: generateURI({ issuer: ISSUER, label: user.email, secret, period: PERIOD_SECONDS }) };
  }

  /**
   * A valid code from the app turns two-factor on; the answer holds the recovery codes, the only
   * time they are shown. Not throttled: guessing a code for a seed the caller was just given
   * teaches nothing.
   */
  async confirm(userId: string, code: string): Promise<{ recoveryCodes: string[] }> {
    const enrolment = await this.enrolments.find(userId);
    if (!enrolment) throw new TwoFactorNotPendingError();
    if (enrolment.enabledAt) throw new TwoFactorAlreadyEnabledError();
    const step = this.matchTotp(enrolment, code);
    if (step === null) throw new TwoFactorCodeInvalidError();
    return this.enrolments.transaction(async (em) => {
      // Confirmed by a concurrent request, or restarted with a new seed, in between.
      if (!(await this.enrolments.confirm(em, userId, enrolment.secretSealed, this.clock.now(), step))) throw new TwoFactorNotPendingError();
      return { recoveryCodes: await this.replaceRecoveryCodes(em, userId) };
    });
  }

  /** Turns two-factor off: needs the password and a current code (or an unused recovery code). */
  async disable(userId: string, password: string, code: string, ip: string): Promise<SecondFactorResult> {
    if (!(await this.enrolled(userId))) throw new TwoFactorNotEnabledError();
    let proof: SecondFactorResult | undefined;
    await this.reauthenticate(userId, password, code, ip, (p) => (proof = p));
    await this.enrolments.remove(userId);
    return proof!;
  }

  /** New recovery codes in place of all the old ones: needs the password and a current code (or an unused recovery code). */
  async regenerateRecoveryCodes(userId: string, password: string, code: string, ip: string): Promise<{ recoveryCodes: string[]; proof: SecondFactorResult }> {
    if (!(await this.enrolled(userId))) throw new TwoFactorNotEnabledError();
    let proof: SecondFactorResult | undefined;
    await this.reauthenticate(userId, password, code, ip, (p) => (proof = p));
    const recoveryCodes = await this.enrolments.transaction((em) => this.replaceRecoveryCodes(em, userId));
    return { recoveryCodes, proof: proof! };
  }

  /**
   * The second step of signing in, once the password is known to be right. An account without
   * two-factor passes (`none`); with it, `code` must be a current TOTP not used before, or an
   * unused recovery code, which is then spent.
   */
  async verifySignIn(userId: string, code: string | undefined): Promise<SecondFactorResult> {
    const enrolment = await this.enrolled(userId);
    if (!enrolment) return { method: 'none' };
    if (code === undefined || code.trim() === '') throw new TwoFactorRequiredError();
    const result = await this.spend(enrolment, code);
    if (!result) throw new TwoFactorInvalidError();
    return result;
  }

  /** Checks the password (and the code, when given) as one throttled attempt. */
  private async reauthenticate(userId: string, password: string, code: string | undefined, ip: string, onProof?: (p: SecondFactorResult) => void): Promise<User> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundError('user');
    await this.throttle.guard({ email: user.email, ip }, async () => {
      if (!(await verifyPassword(password, user.passwordHash))) throw new PasswordMismatchError();
      if (code === undefined) return;
      const enrolment = await this.enrolled(userId);
      const proof = enrolment ? await this.spend(enrolment, code) : null;
      if (!proof) throw new TwoFactorCodeInvalidError();
      onProof?.(proof);
    });
    return user;
  }

  private enrolled(userId: string): Promise<UserTwoFactor | null> {
    return this.enrolments.findEnabled(userId);
  }

  /** Accepts a code once: a TOTP moves the account's last used step past it; a recovery code is marked used. Both in one conditional write, so of two requests with the same code only one succeeds. */
  private async spend(enrolment: UserTwoFactor, code: string): Promise<SecondFactorResult | null> {
    const compact = code.replace(/[\s-]/g, '');
    if (/^\d{6}$/.test(compact)) {
      const step = this.matchTotp(enrolment, compact);
      if (step === null) return null;
      return (await this.enrolments.spendTotpStep(enrolment.userId, step)) ? { method: 'totp' } : null;
    }
    const hash = recoveryCodeHash(compact);
    if (!hash) return null;
    const used = await this.enrolments.spendRecoveryCode(enrolment.userId, hash, this.clock.now());
    return used.spent > 0 ? { method: 'recovery-code', recoveryCodesLeft: used.left } : null;
  }

  /** The time step a code belongs to, within one step either side of now (clock drift, typing time), or null. */
  private matchTotp(enrolment: UserTwoFactor, token: string): number | null {
    if (!/^\d{6}$/.test(token)) return null;
    const secret = this.keyring.open(enrolment.secretSealed, enrolment.userId);
    if (secret === null) {
      this.logger.warn({ message: 'a two-factor secret cannot be opened with this server key (SECRET_KEY changed?); the account can still use its recovery codes', userId: enrolment.userId });
      return null;
    }
    const epoch = Math.floor(this.clock.now().getTime() / 1000);
    const result = verifySync({ secret, token, epoch, period: PERIOD_SECONDS, epochTolerance: PERIOD_SECONDS });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  private async replaceRecoveryCodes(em: EntityManager, userId: string): Promise<string[]> {
    const plain = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.enrolments.replaceRecoveryCodes(em, userId, plain.map((code) => recoveryCodeHash(code.replace(/-/g, ''))!));
    return plain;
  }
}

/** `xxxx-xxxx-xxxx-xxxx`: 80 random bits in Crockford base32. */
function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += RECOVERY_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** The stored form of a recovery code as typed: case, spaces and dashes ignored, and o, i, l read as 0, 1, 1 (Crockford); null if it cannot be one. */
export function recoveryCodeHash(typed: string): string | null {
  const normalized = typed.toLowerCase().replace(/o/g, '0').replace(/[il]/g, '1');
  if (normalized.length !== 16 || [...normalized].some((c) => !RECOVERY_ALPHABET.includes(c))) return null;
  return createHash('sha256').update(normalized).digest('hex');
}
