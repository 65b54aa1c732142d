import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { TimedOutError, within } from '#platform';
import { literalAddress, ResolvedAddress, WebhookAddressPolicy, WebhookResolver } from './webhook-target';

/** What one attempt came to. `refused`: the target was never contacted. */
export type AttemptOutcome =
  | { kind: 'delivered'; status: number; durationMs: number }
  | { kind: 'failed'; status: number | null; durationMs: number; error: string }
  | { kind: 'refused'; error: string };

/** How much of an answer is read (and thrown away): a receiver's body is none of Dossier's business. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs one signed body. The host is resolved first and every address it resolves to is checked
 * against the policy; the connection then goes to that checked address (a `lookup` that answers it,
 * so the socket cannot resolve the name again and land elsewhere). Redirects are not followed:
 * a 3xx is a failed attempt that names where it pointed.
 */
export async function sendWebhook(
  target: string,
  headers: Record<string, string>,
  body: string,
  options: { policy: WebhookAddressPolicy; resolve: WebhookResolver; timeoutMs: number },
): Promise<AttemptOutcome> {
  const url = new URL(target);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { kind: 'refused', error: `${url.protocol} URLs are not delivered to` };
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const pinned = await pick(url.hostname, url.protocol === 'http:', options);
  // A name that did not resolve may resolve later (a DNS outage, a record not yet published): an
  // attempt failed, tried again with backoff. An address the policy refuses is never contacted.
  if ('error' in pinned) return pinned.unresolved ? { kind: 'failed', status: null, durationMs: elapsed(), error: pinned.error } : { kind: 'refused', error: pinned.error };

  const lookup: LookupFunction = (_host, opts, callback) => {
    if (opts.all) (callback as (e: null, a: ResolvedAddress[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  return new Promise<AttemptOutcome>((resolve) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Dossier-Webhooks/1' },
        lookup,
        agent: false,
        signal: AbortSignal.timeout(options.timeoutMs),
        ...(url.protocol === 'https:' && !literalAddress(url.hostname) ? { servername: url.hostname } : {}),
      },
      (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) response.destroy();
        });
        const settle = () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve({ kind: 'delivered', status, durationMs: elapsed() });
          else if (status >= 300 && status < 400) resolve({ kind: 'failed', status, durationMs: elapsed(), error: `answered ${status} (redirects are not followed${response.headers.location ? `; it pointed to ${String(response.headers.location).slice(0, 200)}` : ''})` });
          else resolve({ kind: 'failed', status, durationMs: elapsed(), error: `answered ${status}` });
        };
        response.on('end', settle);
        response.on('close', settle);
        response.on('error', settle);
      },
    );
    request.on('error', (e: NodeJS.ErrnoException) => {
      const timedOut = e.name === 'AbortError' || e.name === 'TimeoutError' || e.code === 'ABORT_ERR';
      resolve({ kind: 'failed', status: null, durationMs: elapsed(), error: timedOut ? `no answer within ${options.timeoutMs} ms` : `${e.code ?? e.name}: ${e.message}`.slice(0, 500) });
    });
    request.end(body);
  });
}

/** The address to connect to, checked; or why the target may not be reached (`unresolved`: not yet). */
async function pick(
  hostname: string,
  plainHttp: boolean,
  options: { policy: WebhookAddressPolicy; resolve: WebhookResolver; timeoutMs: number },
): Promise<ResolvedAddress | { error: string; unresolved?: true }> {
  const literal = literalAddress(hostname);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [{ address: literal, family: literal.includes(':') ? 6 : 4 }];
  else {
    try {
      // Bounded by the attempt's time limit: a resolver that never answers would hold the queue.
      addresses = await within(options.resolve(hostname), options.timeoutMs);
    } catch (e) {
      const why = e instanceof TimedOutError ? e.message : ((e as NodeJS.ErrnoException).code ?? (e as Error).message);
      return { error: `${hostname} did not resolve: ${why}`, unresolved: true };
    }
    if (addresses.length === 0) return { error: `${hostname} did not resolve`, unresolved: true };
  }
  // Every answer must be allowed: a name that also points inside is refused, whichever address would be tried.
  for (const a of addresses) {
    const refusal = options.policy.refusal(a.address, plainHttp);
    if (refusal) return { error: literal ? `${a.address} is ${refusal}` : `${hostname} resolves to ${a.address}, ${refusal}` };
  }
  return addresses[0];
}

