import { hashPassword, verifyPassword } from './password-hasher';

describe('password hashing', () => {
  const fast = { N: 2 ** 10, r: 8, p: 1 };

  it('verifies the right password and rejects a wrong one', async () => {
    const encoded = await hashPassword('correct horse battery staple', fast);
    expect(encoded).toMatch(/^scrypt\$1024\$8\$1\$/);
    await expect(verifyPassword('correct horse battery staple', encoded)).resolves.toBe(true);
    await expect(verifyPassword('Correct horse battery staple', encoded)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords do not give equal hashes', async () => {
    expect(await hashPassword('same', fast)).not.toEqual(await hashPassword('same', fast));
  });

  it('uses a memory-hard cost by default', async () => {
    const encoded = await hashPassword('pw');
    const [, N, r] = encoded.split('$');
    expect(Number(N) * Number(r) * 128).toBeGreaterThanOrEqual(128 * 1024 * 1024);
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    await expect(verifyPassword('pw', 'not-a-hash')).resolves.toBe(false);
  });
});
