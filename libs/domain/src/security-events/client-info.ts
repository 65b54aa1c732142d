/** Where a request came from, as far as the server can tell: kept with sessions and security events. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** A service called without a request (a script, a benchmark's seed). */
export const NO_CLIENT: ClientInfo = { ip: null, userAgent: null };

const MAX_IP = 64;
const MAX_USER_AGENT = 256;

/** Trims what the client sent to sizes worth keeping: a User-Agent is the client's to make as long as it likes. */
export function clientInfo(ip: string | undefined, userAgent: string | string[] | undefined): ClientInfo {
  const agent = Array.isArray(userAgent) ? userAgent[0] : userAgent;
  return { ip: ip?.trim().slice(0, MAX_IP) || null, userAgent: agent?.trim().slice(0, MAX_USER_AGENT) || null };
}
