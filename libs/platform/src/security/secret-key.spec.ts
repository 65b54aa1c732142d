import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSecretKey, SecretKeyring } from './secret-key';

describe('SecretKeyring', () => {
  const keyring = new SecretKeyring('a server key of at least thirty-two characters');

  it('seals a secret so that only the same key and the same owner open it', () => {
    const sealed = keyring.seal('JBSWY3DPEHPK3PXP', 'user-1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(keyring.seal('JBSWY3DPEHPK3PXP', 'user-1')).not.toBe(sealed);
    expect(keyring.open(sealed, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
    // Moved to another account's row, or read with another server key: nothing.
    expect(keyring.open(sealed, 'user-2')).toBeNull();
    expect(new SecretKeyring('another server key, also thirty-two characters').open(sealed, 'user-1')).toBeNull();
  });

  it('refuses a sealed value that was altered', () => {
    const [format, iv, ciphertext, tag] = keyring.seal('JBSWY3DPEHPK3PXP', 'user-1').split('.');
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] ^= 1;
    expect(keyring.open([format, iv, flipped.toString('base64url'), tag].join('.'), 'user-1')).toBeNull();
    expect(keyring.open('not sealed at all', 'user-1')).toBeNull();
  });

  it('fingerprints alike values alike, differently under another key, without showing them', () => {
    expect(keyring.fingerprint('address:203.0.113.7')).toBe(keyring.fingerprint('address:203.0.113.7'));
    expect(keyring.fingerprint('address:203.0.113.7')).not.toBe(keyring.fingerprint('address:203.0.113.8'));
    expect(new SecretKeyring('another server key, also thirty-two characters').fingerprint('address:203.0.113.7')).not.toBe(keyring.fingerprint('address:203.0.113.7'));
    expect(keyring.fingerprint('address:203.0.113.7')).not.toContain('203.0.113');
  });
});

describe('SecretKeyring signatures', () => {
  it('signs a value for one purpose: the same key verifies it, another purpose, value or key does not', () => {
    const keyring = new SecretKeyring('k'.repeat(48));
    const signature = keyring.sign('mail-unsubscribe', 'user.digest');
    expect(keyring.verify('mail-unsubscribe', 'user.digest', signature)).toBe(true);
    expect(keyring.verify('mail-unsubscribe', 'user.account', signature)).toBe(false);
    expect(keyring.verify('another purpose', 'user.digest', signature)).toBe(false);
    expect(keyring.verify('mail-unsubscribe', 'user.digest', signature.slice(0, -2))).toBe(false);
    expect(new SecretKeyring('o'.repeat(48)).verify('mail-unsubscribe', 'user.digest', signature)).toBe(false);
    expect(signature).not.toBe(keyring.fingerprint('mail-unsubscribe\0user.digest'));
  });
});

describe('resolveSecretKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dossier-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses SECRET_KEY when it is set, and writes no file', () => {
    const file = join(dir, 'secret.key');
    expect(resolveSecretKey({ secretKey: 'k'.repeat(40), keyFile: file })).toEqual({ key: 'k'.repeat(40), file: null, created: false });
    expect(() => statSync(file)).toThrow();
  });

  it('otherwise makes a key once, readable by its owner only, and reads the same one on every later start', () => {
    const file = join(dir, 'data', 'secret.key');
    const first = resolveSecretKey({ secretKey: null, keyFile: file });
    expect(first.created).toBe(true);
    expect(first.key.length).toBeGreaterThanOrEqual(64);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.key);
    const again = resolveSecretKey({ secretKey: null, keyFile: file });
    expect(again).toEqual({ key: first.key, file, created: false });
  });

  it('tightens a key file that others could read, and refuses one too short to be a key', () => {
    const file = join(dir, 'secret.key');
    writeFileSync(file, `${'x'.repeat(48)}\n`);
    chmodSync(file, 0o644);
    expect(resolveSecretKey({ secretKey: null, keyFile: file }).key).toBe('x'.repeat(48));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, 'short');
    expect(() => resolveSecretKey({ secretKey: null, keyFile: file })).toThrow(/at least 32 characters/);
  });
});
