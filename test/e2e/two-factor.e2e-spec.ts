import { generateSync } from 'otplib';
import { createTestApp, createTestApp as bootApp, registerUser, TestApp, TestUser } from '../support/test-app';
import { TestClock } from '../support/test-clock';

const PASSWORD = 'a long enough password';
const STEP_MS = 30_000;

describe('two-factor sign-in', () => {
  const clock = new TestClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());
  // Failed attempts of one test must not throttle the next: a day apart, counts have decayed.
  beforeEach(() => clock.advance(24 * 3600_000));

  /** The code an authenticator app would show now, or `steps` periods from now. */
  const codeFor = (secret: string, steps = 0): string => generateSync({ secret, epoch: clock.epochSeconds() + (steps * STEP_MS) / 1000 });
  const login = (user: TestUser, code?: string) => t.http().post('/auth/login').send({ email: user.email, password: PASSWORD, ...(code === undefined ? {} : { code }) });

  /** Enrols and confirms, and leaves the clock on the next step so the confirming code is not the current one. */
  async function enrol(user: TestUser): Promise<{ secret: string; recoveryCodes: string[] }> {
    const begun = await t.http().post('/me/two-factor').set(user.auth).send({ password: PASSWORD }).expect(201);
    const confirmed = await t.http().post('/me/two-factor/confirm').set(user.auth).send({ code: codeFor(begun.body.secret) }).expect(200);
    clock.advance(STEP_MS);
    return { secret: begun.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
  }

  it('enrols only with the password and a valid code from the app, and shows ten recovery codes once', async () => {
    const user = await registerUser(t);
    const wrong = await t.http().post('/me/two-factor').set(user.auth).send({ password: 'not my password' }).expect(403);
    expect(wrong.body).toMatchObject({ code: 'auth.wrong-password', details: [{ field: 'password', problem: 'is not your current password' }] });
    const missing = await t.http().post('/me/two-factor').set(user.auth).send({}).expect(400);
    expect(missing.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password' })]));
    await t.http().post('/me/two-factor').send({ password: PASSWORD }).expect(401);

    const begun = await t.http().post('/me/two-factor').set(user.auth).send({ password: PASSWORD }).expect(201);
    const secret: string = begun.body.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(begun.body.otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe('Dossier');
    expect(decodeURIComponent(url.pathname)).toContain(user.email);

    // Pending: not on yet, and signing in still needs only the password.
    expect((await t.http().get('/me').set(user.auth).expect(200)).body.twoFactorEnabled).toBe(false);
    await login(user).expect(200);

    const bad = await t.http().post('/me/two-factor/confirm').set(user.auth).send({ code: codeFor(secret, 5) }).expect(400);
    expect(bad.body).toMatchObject({ code: 'two-factor.code-invalid', details: [expect.objectContaining({ field: 'code' })] });
    expect((await t.http().get('/me').set(user.auth).expect(200)).body.twoFactorEnabled).toBe(false);

    const confirmed = await t.http().post('/me/two-factor/confirm').set(user.auth).send({ code: codeFor(secret) }).expect(200);
    const codes: string[] = confirmed.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
    expect((await t.http().get('/me').set(user.auth).expect(200)).body.twoFactorEnabled).toBe(true);

    // Once on, it cannot be enrolled or confirmed again (which would show the codes a second time).
    expect((await t.http().post('/me/two-factor/confirm').set(user.auth).send({ code: codeFor(secret) }).expect(409)).body.code).toBe('two-factor.already-enabled');
    expect((await t.http().post('/me/two-factor').set(user.auth).send({ password: PASSWORD }).expect(409)).body.code).toBe('two-factor.already-enabled');
  });

  it('confirming needs an enrolment started first', async () => {
    const user = await registerUser(t);
    const res = await t.http().post('/me/two-factor/confirm').set(user.auth).send({ code: '123456' }).expect(409);
    expect(res.body.code).toBe('two-factor.not-pending');
  });

  it('signs in with the current code only: a code is never accepted twice, nor one more than a step away', async () => {
    const user = await registerUser(t);
    const { secret } = await enrol(user);

    const missing = await login(user).expect(401);
    expect(missing.body).toMatchObject({ statusCode: 401, code: 'auth.two-factor-required' });
    expect(missing.body.token).toBeUndefined();
    const wrong = await login(user, codeFor(secret, 3)).expect(401);
    expect(wrong.body.code).toBe('auth.two-factor-invalid');

    const code = codeFor(secret);
    const ok = await login(user, code).expect(200);
    expect(ok.body.token).toMatch(/^dsr_/);
    expect(ok.body.user.twoFactorEnabled).toBe(true);
    await t.http().get('/me').set('Authorization', `Bearer ${ok.body.token}`).expect(200);
    // Replayed within its window (the same step, then the next one): refused.
    expect((await login(user, code).expect(401)).body.code).toBe('auth.two-factor-invalid');
    clock.advance(STEP_MS);
    await login(user, code).expect(401);
    await login(user, codeFor(secret)).expect(200);

    // One step either side of the server's clock is accepted (a phone's clock a little off); two are not.
    clock.advance(3 * STEP_MS);
    await login(user, codeFor(secret, -2)).expect(401);
    await login(user, codeFor(secret, -1)).expect(200);
    await login(user, codeFor(secret, 1)).expect(200);
    // …and after the code of the next step, the current one is older: refused too.
    await login(user, codeFor(secret)).expect(401);
  });

  it('signs in with a recovery code, each one once, however it is typed', async () => {
    const user = await registerUser(t);
    const { recoveryCodes } = await enrol(user);

    await login(user, recoveryCodes[0]).expect(200);
    expect((await login(user, recoveryCodes[0]).expect(401)).body.code).toBe('auth.two-factor-invalid');
    // Upper case, spaces instead of dashes: the same code.
    await login(user, recoveryCodes[1].toUpperCase().replace(/-/g, ' ')).expect(200);
    await login(user, recoveryCodes[1]).expect(401);
    // Another account's code is no code for this one.
    const other = await registerUser(t);
    const otherCodes = (await enrol(other)).recoveryCodes;
    await login(user, otherCodes[0]).expect(401);
  });

  it('lets only one of two simultaneous sign-ins spend the same recovery code or the same TOTP', async () => {
    const user = await registerUser(t);
    const { secret, recoveryCodes } = await enrol(user);

    const byRecovery = await Promise.all([login(user, recoveryCodes[2]), login(user, recoveryCodes[2]), login(user, recoveryCodes[2])]);
    expect(byRecovery.map((r) => r.status).sort()).toEqual([200, 401, 401]);
    const [{ used }] = await t.db.query('SELECT count(*)::int AS used FROM two_factor_recovery_codes WHERE user_id = $1 AND used_at IS NOT NULL', [user.id]);
    expect(used).toBe(1);

    const code = codeFor(secret);
    const byTotp = await Promise.all([login(user, code), login(user, code), login(user, code)]);
    expect(byTotp.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });

  it('keeps the seed sealed and the recovery codes hashed: neither is anywhere in the database in the clear', async () => {
    const user = await registerUser(t);
    // Sent as a careful client would, with Idempotency-Keys: answers holding secrets are not kept for replay.
    const begun = await t.http().post('/me/two-factor').set(user.auth).set('Idempotency-Key', 'enrol-1').send({ password: PASSWORD }).expect(201);
    expect(begun.headers['cache-control']).toBe('no-store');
    const secret: string = begun.body.secret;
    const confirmed = await t.http().post('/me/two-factor/confirm').set(user.auth).set('Idempotency-Key', 'confirm-1').send({ code: codeFor(secret) }).expect(200);
    const recoveryCodes: string[] = confirmed.body.recoveryCodes;
    // The same key again never shows the codes a second time.
    const again = await t.http().post('/me/two-factor/confirm').set(user.auth).set('Idempotency-Key', 'confirm-1').send({ code: codeFor(secret) }).expect(409);
    expect(again.body.code).toBe('idempotency.secret-not-replayed');
    expect(JSON.stringify(again.body)).not.toContain(recoveryCodes[0]);
    clock.advance(STEP_MS);
    const renewed = await t.http().post('/me/two-factor/recovery-codes').set(user.auth).set('Idempotency-Key', 'renew-1').send({ password: PASSWORD, code: codeFor(secret) }).expect(200);
    recoveryCodes.push(...renewed.body.recoveryCodes);
    const [row] = await t.db.query('SELECT secret_sealed FROM user_two_factor WHERE user_id = $1', [user.id]);
    expect(row.secret_sealed).toMatch(/^v1\./);
    const hashes = (await t.db.query('SELECT code_hash FROM two_factor_recovery_codes WHERE user_id = $1', [user.id])).map((r: { code_hash: string }) => r.code_hash);
    expect(hashes).toHaveLength(10);
    expect(recoveryCodes).toHaveLength(20);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);

    // Every row of every table, as text: no seed, in base32 or as its raw bytes in hex, and no recovery code, with or without dashes.
    const secretHex = Buffer.from(base32Decode(secret)).toString('hex');
    const needles = [secret, secret.toLowerCase(), secretHex, ...recoveryCodes, ...recoveryCodes.map((c) => c.replace(/-/g, ''))];
    const tables = (await t.db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")).map((r: { table_name: string }) => r.table_name);
    expect(tables).toEqual(expect.arrayContaining(['user_two_factor', 'two_factor_recovery_codes', 'sign_in_throttles']));
    for (const table of tables) {
      const rows = (await t.db.query(`SELECT t::text AS row FROM "${table}" t`)).map((r: { row: string }) => r.row.toLowerCase());
      for (const needle of needles) expect({ table, found: rows.some((r: string) => r.includes(needle.toLowerCase())) }).toEqual({ table, found: false });
    }
  });

  it('turns off only with the password and a current code (or a recovery code)', async () => {
    const user = await registerUser(t);
    const { secret, recoveryCodes } = await enrol(user);

    const wrongPassword = await t.http().delete('/me/two-factor').set(user.auth).send({ password: 'not my password', code: codeFor(secret) }).expect(403);
    expect(wrongPassword.body.code).toBe('auth.wrong-password');
    const wrongCode = await t.http().delete('/me/two-factor').set(user.auth).send({ password: PASSWORD, code: codeFor(secret, 4) }).expect(400);
    expect(wrongCode.body.code).toBe('two-factor.code-invalid');
    const missing = await t.http().delete('/me/two-factor').set(user.auth).send({ password: PASSWORD }).expect(400);
    expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['code']));
    expect(missing.body.details.every((d: { field: string }) => d.field === 'code')).toBe(true);
    expect((await t.http().get('/me').set(user.auth).expect(200)).body.twoFactorEnabled).toBe(true);

    await t.http().delete('/me/two-factor').set(user.auth).send({ password: PASSWORD, code: recoveryCodes[0] }).expect(204);
    expect((await t.http().get('/me').set(user.auth).expect(200)).body.twoFactorEnabled).toBe(false);
    await login(user).expect(200);
    expect(await t.db.query('SELECT 1 FROM user_two_factor WHERE user_id = $1 UNION ALL SELECT 1 FROM two_factor_recovery_codes WHERE user_id = $1', [user.id])).toEqual([]);
    expect((await t.http().delete('/me/two-factor').set(user.auth).send({ password: PASSWORD, code: '123456' }).expect(409)).body.code).toBe('two-factor.not-enabled');
  });

  it('replaces the recovery codes with the password and a current code: the old ones stop working', async () => {
    const user = await registerUser(t);
    const { secret, recoveryCodes: old } = await enrol(user);

    await t.http().post('/me/two-factor/recovery-codes').set(user.auth).send({ password: 'not my password', code: codeFor(secret) }).expect(403);
    const renewed = await t.http().post('/me/two-factor/recovery-codes').set(user.auth).send({ password: PASSWORD, code: codeFor(secret) }).expect(200);
    const fresh: string[] = renewed.body.recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((c) => old.includes(c))).toEqual([]);
    await login(user, old[3]).expect(401);
    await login(user, fresh[3]).expect(200);
  });

  it('records what happened as security events the owner can read, none holding a code or the seed', async () => {
    const user = await registerUser(t);
    const { secret, recoveryCodes } = await enrol(user);
    await login(user, codeFor(secret, 2)).expect(401);
    await login(user, recoveryCodes[0]).expect(200);
    clock.advance(STEP_MS);
    await t.http().post('/me/two-factor/recovery-codes').set(user.auth).send({ password: PASSWORD, code: codeFor(secret) }).expect(200);
    await t.http().delete('/me/two-factor').set(user.auth).send({ password: PASSWORD, code: codeFor(secret, 1) }).expect(204);
    const events = (await t.http().get('/me/security-events').query({ limit: 50 }).set(user.auth).expect(200)).body.items as { kind: string; details: Record<string, unknown> }[];
    const kinds = events.map((e) => e.kind).reverse();
    expect(kinds.filter((k) => k !== 'sign-in')).toEqual(['two-factor-enabled', 'sign-in-failed', 'recovery-code-used', 'recovery-codes-regenerated', 'two-factor-disabled']);
    expect(events.find((e) => e.kind === 'sign-in-failed')!.details).toEqual({ reason: 'wrong-second-factor' });
    expect(events.find((e) => e.kind === 'recovery-code-used')!.details).toEqual({ recoveryCodesLeft: 9 });
    expect(events.filter((e) => e.kind === 'sign-in').map((e) => e.details.method)).toContain('password+recovery-code');
    const text = JSON.stringify(events);
    for (const secretText of [secret, ...recoveryCodes]) expect(text).not.toContain(secretText);
  });

  it('counts wrong codes as failed sign-ins: guessing codes is throttled like guessing passwords', async () => {
    const user = await registerUser(t);
    const { secret } = await enrol(user);
    const answers: number[] = [];
    for (let i = 0; i < 8; i++) answers.push((await login(user, String((Number(codeFor(secret)) + 1 + i) % 1_000_000).padStart(6, '0'))).status);
    expect(answers.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(answers.slice(6)).toEqual([429, 429]);
    // Even the right code waits: the block is on the account.
    const blocked = await login(user, codeFor(secret)).expect(429);
    expect(blocked.body.code).toBe('auth.too-many-attempts');
    clock.advance(Number(blocked.headers['retry-after']) * 1000);
    await login(user, codeFor(secret)).expect(200);
  });

  it('still lets an account in with a recovery code when its seed cannot be opened (the server key was lost)', async () => {
    const user = await registerUser(t);
    const { secret, recoveryCodes } = await enrol(user);
    const other = await bootApp({ clock, databaseUrl: t.config.database.url, env: { SECRET_KEY: 'another server key, not the one that sealed the seed' } });
    try {
      const viaOther = (code: string) => other.http().post('/auth/login').send({ email: user.email, password: PASSWORD, code });
      expect((await viaOther(codeFor(secret)).expect(401)).body.code).toBe('auth.two-factor-invalid');
      await viaOther(recoveryCodes[0]).expect(200);
    } finally {
      await other.close();
    }
  });
});

function base32Decode(input: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of input) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}
