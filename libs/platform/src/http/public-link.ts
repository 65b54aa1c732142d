import type { AppConfig } from '../config/app-config';

/**
 * An absolute link to `path` on this server, built on PUBLIC_URL (`config.http.publicUrl`, which
 * may carry a path prefix): the one way a link the server hands out (a calendar feed, an
 * invitation) is made. Never from the request's Host or X-Forwarded-* headers, which whoever sends
 * the request chooses.
 */
export function publicLink(config: Pick<AppConfig, 'http'>, path: string): string {
  return `${config.http.publicUrl}${path.startsWith('/') ? path : `/${path}`}`;
}
