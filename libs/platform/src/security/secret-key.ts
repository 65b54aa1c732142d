import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, closeSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppConfig } from '../config/app-config';

export const SECRET_KEYRING = Symbol('SECRET_KEYRING');

const FORMAT = 'v1';

/**
 * Keys derived from the one server key (SECRET_KEY), one per purpose, so that no two uses share a
 * key: `seal`/`open` encrypt secrets kept at rest (AES-256-GCM, bound to the record they belong to),
 * `fingerprint` is a keyed one-way hash for values that must be found again but not read back.
 */
export class SecretKeyring {
  private readonly sealKey: Buffer;
  private readonly fingerprintKey: Buffer;
  private readonly signKey: Buffer;

  constructor(serverKey: string) {
    const ikm = Buffer.from(serverKey, 'utf8');
    this.sealKey = Buffer.from(hkdfSync('sha256', ikm, 'dossier', 'seal secrets at rest', 32));
    this.fingerprintKey = Buffer.from(hkdfSync('sha256', ikm, 'dossier', 'fingerprint identifiers', 32));
    this.signKey = Buffer.from(hkdfSync('sha256', ikm, 'dossier', 'sign links', 32));
  }

  /** `v1.<iv>.<ciphertext>.<tag>`, base64url. `context` (e.g. the owner's id) must be given again to open it. */
  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  /** The plaintext, or null when the value was sealed with another key or for another context, or altered. */
  open(sealed: string, context: string): string | null {
    const [format, iv, ciphertext, tag] = sealed.split('.');
    if (format !== FORMAT || !iv || !ciphertext || !tag) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.sealKey, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }

  /**
   * A signature (HMAC-SHA-256, base64url) of `value` for one `purpose`, for links handed out that must
   * come back unaltered (an unsubscribe link): a signature made for one purpose is worth nothing for another.
   */
  sign(purpose: string, value: string): string {
    return createHmac('sha256', this.signKey).update(`${purpose}\0${value}`, 'utf8').digest('base64url');
  }

  /** Whether `signature` is `sign(purpose, value)`, compared in constant time. */
  verify(purpose: string, value: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(purpose, value), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** HMAC-SHA-256 in base64url: equal inputs give equal fingerprints, and without the key none can be reversed by guessing. */
  fingerprint(value: string): string {
    return createHmac('sha256', this.fingerprintKey).update(value, 'utf8').digest('base64url');
  }
}

export interface ResolvedSecretKey {
  key: string;
  /** The file the key was read from or written to, when it did not come from SECRET_KEY. */
  file: string | null;
  created: boolean;
}

/**
 * SECRET_KEY when it is set (loadConfig requires it in production). Otherwise, for development and
 * tests, a key generated once into DATA_DIR/secret.key (mode 0600) and read back on every start, so
 * that `npm start` works with nothing to set and what it encrypted stays readable across restarts.
 * The API and the worker may start at once: the file is written whole under a temporary name and
 * linked into place, so one of them creates it and the other reads the same key.
 */
export function resolveSecretKey(secrets: AppConfig['secrets']): ResolvedSecretKey {
  if (secrets.secretKey) return { key: secrets.secretKey, file: null, created: false };
  const file = secrets.keyFile;
  const existing = readKeyFile(file);
  if (existing) return { key: existing, file, created: false };
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(48).toString('base64');
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${key}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, file);
    return { key, file, created: true };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return { key: readKeyFile(file)!, file, created: false };
  } finally {
    unlinkSync(temporary);
  }
}

function readKeyFile(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const key = text.trim();
  if (key.length < 32) throw new Error(`${file} does not hold a key of at least 32 characters: remove it to have a new one made (two-factor secrets sealed with the old one can no longer be read), or set SECRET_KEY`);
  // Readable by the owner only, whatever a copy or a restore left behind.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return key;
}
