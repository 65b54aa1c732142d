import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'organizationId', description: 'The field, as the request named it (dotted for nested ones)' }) field: string;
  @ApiProperty({ example: 'must be a UUID' }) problem: string;
}

export class ErrorStageRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Whether the application entered that stage at all' }) entered: boolean;
}

export class ErrorLinkedToDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
}

/**
 * The one body of every 4xx and 5xx answer (see libs/platform/src/http/error-body.ts). `code` is stable
 * and machine-readable; the optional fields below are carried by the errors that name them.
 */
export class ErrorBody {
  @ApiProperty({ example: 409 }) statusCode: number;
  @ApiProperty({ example: 'Conflict', description: 'The HTTP reason phrase' }) error: string;
  @ApiProperty({ example: 'application.illegal-move', description: 'Stable, machine-readable: `<thing>.<problem>`' }) code: string;
  @ApiProperty({ example: 'Cannot accept an application that is at "Coding"; allowed: advance, pass, fail, withdraw' }) message: string;
  @ApiPropertyOptional({ type: [FieldProblemDto], description: 'One entry per field that is wrong (bad input)' }) details?: FieldProblemDto[];
  @ApiProperty({ example: '6f1c2a9e-3f0b-4b8e-9d51-0c3a2f6b7e10', description: 'Also sent as the X-Request-Id header; the access log has the same id' }) requestId: string;

  @ApiPropertyOptional({ type: [String], description: 'application.illegal-move: the moves allowed from where the application is' }) allowedMoves?: string[];
  @ApiPropertyOptional({ type: [String], description: 'referral.illegal-status: the statuses allowed next' }) allowedStatuses?: string[];
  @ApiPropertyOptional({ description: "The record's status now (application.illegal-move, application.stale-move, referral.illegal-status, briefing.not-ready)" }) status?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'application.illegal-move, application.stale-move: the name of the stage the application is at (null when closed)' }) currentStage?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'application.stale-move: the id of the stage it is at' }) currentStageId?: string | null;
  @ApiPropertyOptional({ type: ErrorStageRefDto, description: 'application.stale-move: the stage the move was asked from' }) fromStage?: ErrorStageRefDto;
  @ApiPropertyOptional({ format: 'uuid', description: 'application.already-rerouted: the application already there' }) applicationId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'example.already-loaded: the organization the example created' }) organizationId?: string;
  @ApiPropertyOptional({ description: 'identity.*: the scholarly source' }) source?: string;
  @ApiPropertyOptional({ description: "identity.*: the author's id at that source" }) sourceAuthorId?: string;
  @ApiPropertyOptional({ type: ErrorLinkedToDto, description: 'identity.linked-elsewhere: the person the identity is linked to' }) linkedTo?: ErrorLinkedToDto;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad input: `details` names each field and its problem',
  401: 'No valid bearer token (missing, unknown, expired or revoked)',
  403: 'The token may not do this (a read-only token writing, or a role without the right)',
  404: 'Not found among your records',
  409: 'Conflict with the current state (the body says which, and what is allowed), or a request with the same Idempotency-Key still running',
  413: 'The body (or an uploaded file) is over the size limit (BODY_LIMIT_BYTES)',
  415: 'A content type this route does not read',
  422: 'Well-formed, but refused (the body says why), or an Idempotency-Key reused for another request',
  429: 'Too many requests for now: wait for Retry-After seconds',
  503: 'Something this server needs is missing or busy',
};

const errorContent = { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } };

/** Documents the error answers a controller or route can give, each with the ErrorBody schema. */
export function ApiErrors(...statuses: number[]): ClassDecorator & MethodDecorator {
  return applyDecorators(ApiExtraModels(ErrorBody), ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', content: errorContent })));
}

type Operation = { parameters?: { in: string; $ref?: string }[]; requestBody?: unknown; security?: unknown[]; responses: Record<string, { description?: string; content?: unknown }> };

/**
 * The error answers every operation shares, derived from what it takes, so no route forgets them:
 * 401 and 403 where a token is needed, 400 where it reads input, 404 where the path names a record,
 * 413 where it reads a body, 409 and 422 on every write (its Idempotency-Key), 429 everywhere (the
 * API-wide rate limit). Errors of a route's own (a wrong password's 401 on sign-in) are declared on it
 * with @ApiErrors. An error a route declares with a
 * description only (`@ApiConflictResponse({ description })`) gets the ErrorBody schema here.
 */
export function describeErrorAnswers(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
      const operation = value as Operation;
      const own = (operation.parameters ?? []).filter((p) => !p.$ref);
      const implied = new Set<number>([429]);
      if (operation.security?.length) implied.add(401);
      if (operation.security?.length && (method !== 'get' || path.startsWith('/admin'))) implied.add(403);
      if (own.length > 0 || operation.requestBody) implied.add(400);
      if (own.some((p) => p.in === 'path')) implied.add(404);
      if (operation.requestBody) implied.add(413);
      // Any write may carry an Idempotency-Key: 409 while the first request with it still runs, 422 when reused for another request.
      if (method !== 'get') implied.add(409).add(422);
      for (const status of implied) operation.responses[status] ??= { description: DESCRIPTIONS[status] };
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400 && !response.content) response.content = errorContent;
      }
    }
  }
}
