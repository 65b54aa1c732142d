import { CanActivate, ExecutionContext, Injectable, NotFoundException, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AccountsService, AuthenticatedUser, InsufficientScopeError, TokenScope } from '#domain/accounts/index';
import { ClientInfo, clientInfo } from '#domain/security-events/index';
import { redactSecrets } from '#platform';
import { checkCsrf, sessionCookie } from './browser-session';

const PUBLIC_ROUTE = 'dossier:public';
const ADMIN_ONLY = 'dossier:admin-only';
const ANY_SCOPE = 'dossier:any-scope';
/** Marks a route that needs no bearer token (register, login, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
/** Marks a route for admins only: anyone else gets the 404 an unknown route gets, so it does not seem to exist. */
export const AdminOnly = (): MethodDecorator & ClassDecorator => SetMetadata(ADMIN_ONLY, true);
/** Marks a write any token may make, whatever its scopes (logging out). */
export const AnyScope = (): MethodDecorator & ClassDecorator => SetMetadata(ANY_SCOPE, true);

export type AuthenticatedRequest = FastifyRequest & { auth?: AuthenticatedUser };

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard: every route needs a bearer token (or the dashboard's session cookie, see
 * browser-session.ts) unless marked @Public(); admin routes need an
 * admin; GET and HEAD need the token's `read` scope, every other method its `write` scope.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // A bearer header wins; without one, the dashboard's session cookie, whose writes need the CSRF header.
    const bearer = bearerToken(request);
    const cookie = request.headers.authorization ? undefined : sessionCookie(request);
    const auth = await this.accounts.authenticate(bearer ?? cookie, requestClient(request));
    if (cookie && !READS.has(request.method)) checkCsrf(request, cookie);
    request.auth = auth;
    if (this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets) && auth.role !== 'admin') throw routeNotFound(request);
    if (!this.reflector.getAllAndOverride<boolean>(ANY_SCOPE, targets)) requireScope(auth, scopeFor(request.method));
    return true;
  }
}

export function scopeFor(method: string): TokenScope {
  return READS.has(method) ? 'read' : 'write';
}

export function requireScope(auth: AuthenticatedUser, scope: TokenScope): void {
  if (!auth.scopes.includes(scope)) throw new InsufficientScopeError(scope);
}

/** The 404 Nest's router answers for a route it does not have (`Cannot GET /path`), secrets in the URL masked. */
export function routeNotFound(request: FastifyRequest): NotFoundException {
  return new NotFoundException(`Cannot ${request.method} ${redactSecrets(request.url)}`);
}

/** The client's address (as Fastify resolves it: the socket's, or a trusted proxy's header) and User-Agent. */
export function requestClient(request: FastifyRequest): ClientInfo {
  return clientInfo(request.ip, request.headers['user-agent']);
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1];
  }
  return undefined;
}
