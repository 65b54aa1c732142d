import { createHash } from 'node:crypto';
import { fingerprintOf } from './idempotency';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('an idempotency fingerprint', () => {
  const body = { currentPassword: 'correct horse battery', newPassword: 'staple staple staple', keepSessions: true };

  it('tells requests apart, and is the same for the same request by the same user and key', async () => {
    const a = await fingerprintOf('POST', '/me/password', body, 'user-1:k');
    expect(await fingerprintOf('POST', '/me/password', { ...body }, 'user-1:k')).toBe(a);
    expect(await fingerprintOf('POST', '/me/password', { ...body, newPassword: 'another one entirely' }, 'user-1:k')).not.toBe(a);
    expect(await fingerprintOf('PUT', '/me/password', body, 'user-1:k')).not.toBe(a);
  });

  it('cannot be checked against a guessed password with a fast hash: typed secrets go in through salted scrypt', async () => {
    const kept = await fingerprintOf('POST', '/me/password', body, 'user-1:k');
    // What an attacker holding the table would try first: the request as it was, hashed once.
    expect(kept).not.toBe(sha256(`POST /me/password\n${JSON.stringify(body)}`));
    // The same request under another user's key has another fingerprint (the salt), so one guess does not test every row.
    expect(await fingerprintOf('POST', '/me/password', body, 'user-2:k')).not.toBe(kept);
    // Bodies without typed secrets are hashed as before.
    expect(await fingerprintOf('POST', '/people', { fullName: 'Ada' }, 'user-1:k')).toBe(sha256('POST /people\n{"fullName":"Ada"}'));
  });
});
