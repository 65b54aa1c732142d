import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DomainError, ErrorKind, IdempotentReplay, TooManyRequestsError } from './domain-error';
import { ErrorBody, errorBody } from './error-body';
import { redactSecrets } from './redact-secrets';

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  [ErrorKind.Invalid]: 400,
  [ErrorKind.Unauthorized]: 401,
  [ErrorKind.Forbidden]: 403,
  [ErrorKind.NotFound]: 404,
  [ErrorKind.Conflict]: 409,
  [ErrorKind.TooLarge]: 413,
  [ErrorKind.Unprocessable]: 422,
  [ErrorKind.Unavailable]: 503,
  [ErrorKind.TooManyRequests]: 429,
};

/** Every error leaves the API through here, in one body shape. Unknown errors become a logged 500. */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof IdempotentReplay) {
      void reply.status(exception.status).headers(exception.headers).send(exception.body ?? undefined);
      return;
    }
    const body = toErrorBody(exception, String(request.id));
    if (body.statusCode >= 500) {
      this.logger.error({ message: 'unhandled error', requestId: body.requestId, method: request.method, url: redactSecrets(request.url), error: describe(exception) });
    }
    if (exception instanceof TooManyRequestsError) void reply.header('retry-after', String(exception.retryAfterSeconds));
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}

/** The answer's body for any error, in the one shape; its words pass through the one redaction (outside errors echo what they were sent). */
export function toErrorBody(exception: unknown, requestId: string): ErrorBody {
  const body = errorBodyOf(exception, requestId);
  body.message = redactSecrets(body.message);
  if (body.details) body.details = body.details.map((d) => ({ field: d.field, problem: redactSecrets(d.problem) }));
  return body;
}

function errorBodyOf(exception: unknown, requestId: string): ErrorBody {
  if (exception instanceof DomainError) {
    return errorBody(STATUS_OF_KIND[exception.kind], exception.code, exception.message, requestId, exception.details, exception.extra);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // An upload over the limit: Fastify's adapter wraps @fastify/multipart's error, whose words are the cause's.
    if ((exception.cause as { code?: unknown } | undefined)?.code === 'FST_REQ_FILE_TOO_LARGE') return errorBody(status, httpCode(status), fastifyMessage({ code: 'FST_REQ_FILE_TOO_LARGE' }), requestId);
    const response = exception.getResponse();
    const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
    return errorBody(status, httpCode(status), Array.isArray(message) ? message.join('; ') : message, requestId);
  }
  // Errors raised by Fastify itself before routing (bad JSON, body too large, wrong content type).
  const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return errorBody(fastifyError.statusCode, httpCode(fastifyError.statusCode), fastifyMessage(fastifyError), requestId);
  }
  if (exception instanceof QueryFailedError) {
    const driverError = exception.driverError as { code?: string };
    // Invalid text for a typed column (a malformed uuid, an out-of-range number) is bad input, not a crash.
    if (driverError?.code === '22P02' || driverError?.code === '22003' || driverError?.code === '22007' || driverError?.code === '22008') {
      return errorBody(400, 'request.invalid', 'A value in the request is malformed', requestId);
    }
  }
  return errorBody(500, 'internal', 'Internal server error', requestId);
}

function fastifyMessage(error: { code?: string; message?: string }): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Request body is larger than the server accepts';
    case 'FST_REQ_FILE_TOO_LARGE':
      // @fastify/multipart's own words ("request file too large") read as a fault of the request.
      return 'The uploaded file is larger than the server accepts';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported content type';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'Body must not be empty when content-type is application/json';
    default:
      return error.message?.replace(/^Body is not valid JSON but content-type is set to 'application\/json'/, 'Body is not valid JSON') ?? 'Bad request';
  }
}

function httpCode(status: number): string {
  const codes: Record<number, string> = { 400: 'request.invalid', 401: 'auth.unauthorized', 403: 'auth.forbidden', 404: 'route.not-found', 405: 'route.method-not-allowed', 409: 'conflict', 413: 'request.too-large', 415: 'request.unsupported-media-type', 429: 'request.rate-limited' };
  return codes[status] ?? `http.${status}`;
}

function describe(e: unknown): unknown {
  return e instanceof Error ? { name: e.name, message: redactSecrets(e.message), stack: e.stack && redactSecrets(e.stack) } : redactSecrets(String(e));
}
