import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError } from './errors';

/**
 * The one way the dashboard talks to the API: openapi-fetch over the types generated from the API's
 * OpenAPI document (schema.d.ts, `npm run web:client`). The browser's session is an HttpOnly cookie
 * the scripts never see; writes echo the readable CSRF cookie in `x-csrf-token`.
 */
const CSRF_COOKIE = 'dossier_csrf';
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

type Listener = () => void;
const signedOutListeners = new Set<Listener>();
/** Called when the API answers 401 to a request made with the session: expired, revoked, signed out elsewhere. */
export function onSignedOut(listener: Listener): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

const session: Middleware = {
  onRequest({ request }) {
    if (!READS.has(request.method)) {
      const token = readCookie(CSRF_COOKIE);
      if (token) request.headers.set('x-csrf-token', token);
    }
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/auth/session')) signedOutListeners.forEach((listener) => listener());
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(session);

/** The body of a successful answer, or an ApiError carrying the API's message, code and field problems. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached: check your connection and try again');
  }
  if (result.response.ok) return result.data as T;
  throw ApiError.from(result.response.status, result.error);
}
