import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, Clock, clientAddressGroup, DomainError, SECRET_KEYRING, SecretKeyring } from '#platform';
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

/**
 * One atomic statement per key, so concurrent attempts from any number of processes are counted
 * exactly: an attempt is let in only if the key is not blocked, and it is counted as a failure
 * *before* the password is checked. A burst of guesses sent at once therefore meets the block set
 * by the first of them past the free allowance instead of all running the (deliberately slow)
 * password hash; an attempt that succeeds, or ends without a verdict, gives its count back.
 */
const ATTEMPT = `
  INSERT INTO sign_in_throttles AS t (key, failures, updated_at, blocked_until)
  VALUES ($1, 1, $2::timestamptz, CASE WHEN 1 > $3::int THEN $2::timestamptz + make_interval(secs => least($5::float8, $4::float8 * power(2::float8, 1 - $3::int - 1))) END)
  ON CONFLICT (key) DO UPDATE SET (failures, updated_at, blocked_until) = (
    SELECT d.n, $2::timestamptz, CASE WHEN d.n > $3::int THEN $2::timestamptz + make_interval(secs => least($5::float8, $4::float8 * power(2::float8, d.n - $3::int - 1))) END
    FROM (SELECT t.failures * power(0.5::float8, greatest(extract(epoch FROM $2::timestamptz - greatest(t.updated_at, t.blocked_until))::float8, 0) / $6::float8) + 1 AS n) d
  )
  WHERE t.blocked_until IS NULL OR t.blocked_until <= $2::timestamptz
  RETURNING 1`;

const GIVE_BACK = `
  UPDATE sign_in_throttles SET failures = greatest(failures - 1, 0), blocked_until = CASE WHEN failures - 1 > $2::int THEN blocked_until END
  WHERE key = $1::text`;

@Injectable()
export class SignInThrottleService {
  private readonly logger = new Logger('SignInThrottle');

  constructor(
    private readonly dataSource: DataSource,
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
      const rows = (await this.dataSource.query(ATTEMPT, [k.key, at, k.free, firstDelaySeconds, maxDelaySeconds, halfLifeSeconds])) as unknown[];
      if (rows.length > 0) {
        entered.push(k);
        continue;
      }
      for (const e of entered) await this.dataSource.query(GIVE_BACK, [e.key, e.free]);
      const [{ until }] = (await this.dataSource.query('SELECT max(blocked_until) AS until FROM sign_in_throttles WHERE key = ANY($1)', [keys.map((x) => x.key)])) as { until: Date | null }[];
      throw new TooManySignInAttemptsError(Math.max(1, Math.ceil(((until?.getTime() ?? at.getTime()) - at.getTime()) / 1000)));
    }
  }

  private async settle(keys: ThrottleKey[], succeeded: boolean): Promise<void> {
    const [account, address] = keys;
    try {
      if (succeeded) {
        await this.dataSource.query('DELETE FROM sign_in_throttles WHERE key = $1', [account.key]);
        await this.dataSource.query(`DELETE FROM sign_in_throttles WHERE updated_at < $1::timestamptz - interval '${SIGN_IN_THROTTLE.forgetAfter}' AND (blocked_until IS NULL OR blocked_until < $1)`, [this.clock.now()]);
      } else {
        await this.dataSource.query(GIVE_BACK, [account.key, account.free]);
      }
      await this.dataSource.query(GIVE_BACK, [address.key, address.free]);
    } catch (e) {
      // The sign-in itself is decided; a count left too high only makes the next failure wait sooner.
      this.logger.warn({ message: 'could not update the sign-in throttle', error: (e as Error).message });
    }
  }
}
