import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedUser } from '#domain/accounts/index';
import type { ClientInfo } from '#domain/security-events/index';
import { AuthenticatedRequest, requestClient } from './auth.guard';

function authOf(context: ExecutionContext, name: string): AuthenticatedUser {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.auth) throw new Error(`${name} used on a public route`);
  return request.auth;
}

/** The id of the user the request's bearer token belongs to. */
export const CurrentUserId = createParamDecorator((_: unknown, context: ExecutionContext): string => authOf(context, 'CurrentUserId').userId);

export const CurrentTokenId = createParamDecorator((_: unknown, context: ExecutionContext): string => authOf(context, 'CurrentTokenId').tokenId);

/** The whole credential: user, token, its kind, scopes and expiry, the user's role. */
export const CurrentAuth = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedUser => authOf(context, 'CurrentAuth'));

/** Where the request came from (address and User-Agent), for sessions and security events. */
export const Client = createParamDecorator((_: unknown, context: ExecutionContext): ClientInfo => requestClient(context.switchToHttp().getRequest<AuthenticatedRequest>()));
