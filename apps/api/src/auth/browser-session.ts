import { createHash, timingSafeEqual } from 'node:crypto';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorKind } from '#platform';

/**
 * The dashboard's credential: the same opaque session token `/auth/login` hands out, kept in an
 * HttpOnly, SameSite=Strict cookie the page's scripts cannot read. Writes made with it carry a
 * double-submit token: a readable cookie the app echoes in the `x-csrf-token` header. That token is
 * derived from the session token (a hash), so a cookie planted by someone else cannot match a session
 * they do not hold. Requests with an `Authorization: Bearer` header never look at either cookie.
 */
export const SESSION_COOKIE = 'dossier_session';
export const CSRF_COOKIE = 'dossier_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export class CsrfTokenError extends DomainError {
  constructor() {
    super(ErrorKind.Forbidden, 'auth.csrf-token-invalid', `A write made with the browser session needs the ${CSRF_HEADER} header, equal to the ${CSRF_COOKIE} cookie; reload the page and try again`);
  }
}

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`dossier-csrf\0${sessionToken}`).digest('base64url');
}

/** The session token from the cookie, when the request has no bearer header. */
export function sessionCookie(request: FastifyRequest): string | undefined {
  return readCookie(request, SESSION_COOKIE) || undefined;
}

/** Throws 403 auth.csrf-token-invalid unless the header matches the session the cookie holds. */
export function checkCsrf(request: FastifyRequest, sessionToken: string): void {
  const header = request.headers[CSRF_HEADER];
  const sent = Buffer.from(typeof header === 'string' ? header : '');
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) throw new CsrfTokenError();
}

function cookie(name: string, value: string, options: { httpOnly: boolean; secure: boolean; maxAgeSeconds: number }): string {
  return [`${name}=${encodeURIComponent(value)}`, 'Path=/', `Max-Age=${options.maxAgeSeconds}`, 'SameSite=Strict', options.httpOnly ? 'HttpOnly' : '', options.secure ? 'Secure' : ''].filter(Boolean).join('; ');
}

export function setSessionCookies(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  const maxAgeSeconds = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  void reply.header('set-cookie', [
    cookie(SESSION_COOKIE, token, { httpOnly: true, secure, maxAgeSeconds }),
    cookie(CSRF_COOKIE, csrfTokenFor(token), { httpOnly: false, secure, maxAgeSeconds }),
  ]);
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean): void {
  void reply.header('set-cookie', [cookie(SESSION_COOKIE, '', { httpOnly: true, secure, maxAgeSeconds: 0 }), cookie(CSRF_COOKIE, '', { httpOnly: false, secure, maxAgeSeconds: 0 })]);
}

export class CrossSiteSignInError extends DomainError {
  constructor(publicUrl: string) {
    super(ErrorKind.Forbidden, 'auth.cross-site-sign-in', `A browser sign-in must come from Dossier's own pages: open ${new URL(publicUrl).origin}/app/ and sign in there`);
  }
}

/**
 * Sign-in and sign-up from a browser must start on Dossier's own pages: a page elsewhere must not sign
 * the visitor into an account of its choosing (login CSRF). Browsers say where a request comes from
 * (`Sec-Fetch-Site`, `Origin`); API clients send neither and are not affected.
 */
export function checkSameSite(request: FastifyRequest, publicUrl: string): void {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') throw new CrossSiteSignInError(publicUrl);
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const allowed = new Set([new URL(publicUrl).origin, `${request.protocol}://${request.host}`]);
  if (!allowed.has(origin)) throw new CrossSiteSignInError(publicUrl);
}

/** The OpenAPI security scheme for the browser's cookie, offered beside the bearer token on every operation that takes one. */
export function describeBrowserSession(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.securitySchemes ??= {};
  document.components.securitySchemes.browserSession = {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: `The dashboard's session, set HttpOnly by POST /auth/session. Writes made with it must echo the readable ${CSRF_COOKIE} cookie in the ${CSRF_HEADER} header (403 auth.csrf-token-invalid otherwise). A request with an Authorization header never reads the cookies.`,
  };
  for (const item of Object.values(document.paths)) {
    for (const value of Object.values(item as Record<string, unknown>)) {
      const operation = value as { security?: Record<string, string[]>[] };
      if (!operation?.security?.some((requirement) => 'bearer' in requirement)) continue;
      if (!operation.security.some((requirement) => 'browserSession' in requirement)) operation.security.push({ browserSession: [] });
    }
  }
}
