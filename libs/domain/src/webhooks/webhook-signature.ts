import { createHmac, randomBytes } from 'node:crypto';

/** The Standard Webhooks secret prefix; what follows is the key, in base64. */
const SECRET_PREFIX = 'whsec_';

/** A new signing secret: 32 random bytes, `whsec_<base64>`. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/**
 * One Standard Webhooks signature: `v1,` and the base64 HMAC-SHA256, keyed with the secret's
 * bytes, of `<webhook-id>.<webhook-timestamp>.<body>`.
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64')}`;
}

/** The `webhook-signature` header: one signature per live secret, space-separated (a rolled secret's during its grace period). */
export function signatureHeader(secrets: string[], id: string, timestamp: number, body: string): string {
  return secrets.map((s) => signWebhook(s, id, timestamp, body)).join(' ');
}

/** What a secret is sealed for (SecretKeyring.seal's context): a sealed secret copied to another endpoint does not open. */
export function webhookSecretContext(endpointId: string): string {
  return `webhook-endpoint:${endpointId}`;
}
