import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock, clientAddressGroup, DomainError, SECRET_KEYRING, SecretKeyring } from '#platform';
import { SignInThrottlesRepository } from './sign-in-throttles.repository';
import { FAILED_SIGN_IN_CODES, TooManySignInAttemptsError } from './two-factor.errors';

/** Who is trying: the email typed (whether or not an account has it) and the client's address. */
export interface SignInSubject {
  email: string;
  ip: string;
}

/**
 * How sign-in failures are paced. An account gets a few failures free, an address (shared by a
 * household or an office) more; after that each failure blocks the next attempt for twice as long
 * as the one before, from 1 s up to 15 min, so a patient guesser gets about 4 tries an hour and the
 * owner never waits more than 15 min. Counts halve every 6 hours without failures (time spent
 * blocked does not count: waiting out a block earns no forgiveness), so an account is back to its
 * free tries within a day of an attack ending; a sign-in that succeeds clears the account's count
 * at once.
 */
export const SIGN_IN_THROTTLE = {
  account: { free: 5 },
  address: { free: 20 },
  firstDelaySeconds: 1,
  maxDelaySeconds: 15 * 60,
  halfLifeSeconds: 6 * 3600,
  /** Rows idle this long have decayed to nothing and are deleted. */
  forgetAfter: '7 days',
};

interface ThrottleKey {
  key: string;
  free: number;
}

@Injectable()
export class SignInThrottleService {
  private readonly logger = new Logger('SignInThrottle');

  constructor(
    private readonly throttles: SignInThrottlesRepository,
    @Inject(SECRET_KEYRING) private readonly keyring: SecretKeyring,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Runs `attempt` (which checks a password, a code, or both) unless the account or the address is
   * blocked, in which case it throws 429 `auth.too-many-attempts` with the seconds to wait, and runs
   * nothing. What `attempt` throws decides how it counts: a wrong password or code (see
   * FAILED_SIGN_IN_CODES) stays counted; success clears the account; anything else (the password was
   * right but the second factor is still to come, or a fault) is given back.
   */
  async guard<T>(subject: SignInSubject, attempt: () => Promise<T>): Promise<T> {
    const keys = this.keys(subject);
    await this.enter(keys);
    let outcome: 'success' | 'failure' | 'neither' = 'neither';
    try {
      const result = await attempt();
      outcome = 'success';
      return result;
    } catch (e) {
      if (e instanceof DomainError && FAILED_SIGN_IN_CODES.has(e.code)) outcome = 'failure';
      throw e;
    } finally {
      if (outcome !== 'failure') await this.settle(keys, outcome === 'success');
    }
  }

  private keys(subject: SignInSubject): ThrottleKey[] {
    return [
      { key: this.keyring.fingerprint(`sign-in account:${subject.email.trim().toLowerCase()}`), free: SIGN_IN_THROTTLE.account.free },
      { key: this.keyring.fingerprint(`sign-in address:${clientAddressGroup(subject.ip)}`), free: SIGN_IN_THROTTLE.address.free },
    ];
  }

  private async enter(keys: ThrottleKey[]): Promise<void> {
    const at = this.clock.now();
    const { firstDelaySeconds, maxDelaySeconds, halfLifeSeconds } = SIGN_IN_THROTTLE;
    const entered: ThrottleKey[] = [];
    for (const k of keys) {
      if (await this.throttles.attempt(k.key, at, k.free, firstDelaySeconds, maxDelaySeconds, halfLifeSeconds)) {
        entered.push(k);
        continue;
      }
      for (const e of entered) await this.throttles.giveBack(e.key, e.free);
      const until = await this.throttles.blockedUntil(keys.map((x) => x.key));
      throw new TooManySignInAttemptsError(Math.max(1, Math.ceil(((until?.getTime() ?? at.getTime()) - at.getTime()) / 1000)));
    }
  }

  private async settle(keys: ThrottleKey[], succeeded: boolean): Promise<void> {
    const [account, address] = keys;
    try {
      if (succeeded) {
        await this.throttles.clear(account.key);
        await this.throttles.forgetIdle(this.clock.now(), SIGN_IN_THROTTLE.forgetAfter);
      } else {
        await this.throttles.giveBack(account.key, account.free);
      }
      await this.throttles.giveBack(address.key, address.free);
    } catch (e) {
      // The sign-in itself is decided; a count left too high only makes the next failure wait sooner.
      this.logger.warn({ message: 'could not update the sign-in throttle', error: (e as Error).message });
    }
  }
}
