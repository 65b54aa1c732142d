import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { InvalidInputError } from '#platform';

/** The form field a browser's upload (multipart/form-data) carries the file in. */
export const FILE_FIELD = 'file';

/**
 * An import route's body: the file's text as the raw body (`mediaType`), or a browser form
 * (multipart/form-data) with the file in the `file` field. describeUploads gives the form its own schema.
 */
export function ApiFileUpload(mediaType: string, example: string): MethodDecorator {
  return applyDecorators(RouteConfig({ fileUpload: true }), ApiConsumes(mediaType, 'multipart/form-data'), ApiBody({ schema: { type: 'string', example } }));
}

/**
 * A JSON document's route: the document as the JSON body (its schema `type`), or a browser form
 * (multipart/form-data) with the .json file in the `file` field. Read the body with uploadedJson,
 * then validate it as `type`: the global pipe cannot, since the body is one of two shapes.
 */
export function ApiJsonUpload(type: Function): MethodDecorator {
  return applyDecorators(RouteConfig({ fileUpload: true }), ApiConsumes('application/json', 'multipart/form-data'), ApiBody({ type }));
}

/**
 * A route a plain HTML form or a mail client posts to (the RFC 8058 one-click unsubscribe): a small
 * form, urlencoded (read by Nest's own parser, as everywhere) or multipart (read here only), whose
 * fields the route does not need (everything is in its query).
 */
export function ApiFormPost(): MethodDecorator {
  return applyDecorators(RouteConfig({ formPost: true }), ApiConsumes('application/x-www-form-urlencoded', 'multipart/form-data'));
}

/**
 * Forms are read by the routes that take a file (ApiFileUpload) and no other: elsewhere a
 * multipart/form-data body is 415 before it is read, as it was before uploads were taken.
 */
export function refuseFormsElsewhere(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', async (request) => {
    // The header, not request.isMultipart(): that one is known only once the body is parsed.
    const config = request.routeOptions.config as { fileUpload?: boolean; formPost?: boolean } | undefined;
    if (/^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '') && config?.fileUpload !== true && config?.formPost !== true) {
      throw Object.assign(new Error('Unsupported content type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
    }
  });
}

/** The form's schema: one file part named `file` (the raw body keeps the string schema). */
export function describeUploads(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.post, item.put]) {
      const form = operation?.requestBody && 'content' in operation.requestBody ? operation.requestBody.content['multipart/form-data'] : undefined;
      if (!form) continue;
      form.schema = {
        type: 'object',
        required: [FILE_FIELD],
        properties: { [FILE_FIELD]: { type: 'string', format: 'binary', description: 'The file, as UTF-8 text; one file, up to BODY_LIMIT_BYTES' } },
      };
    }
  }
}

/**
 * The file's text from either body: a raw text body (a string), or the parsed form, whose file part
 * @fastify/multipart decoded to a string (see registerUploads in bootstrap.ts).
 */
export function uploadedText(body: unknown, mediaType: string, contentType: string | undefined): string {
  if (typeof body === 'string') return body;
  if (/^multipart\/form-data\b/i.test(contentType ?? '') && isForm(body)) {
    const file = body[FILE_FIELD];
    if (typeof file === 'string') return file;
    throw new InvalidInputError(`The form has no file: send it in the "${FILE_FIELD}" field`, [{ field: FILE_FIELD, problem: 'is required: the file part of the multipart/form-data form' }], 'request.file-missing');
  }
  throw new InvalidInputError(`Send the file as the request body with content-type ${mediaType}, or as the "${FILE_FIELD}" field of a multipart/form-data form`, [{ field: 'body', problem: `must be the file's text (content-type ${mediaType}) or a form with a "${FILE_FIELD}" file` }], 'request.unsupported-body');
}

/**
 * The document from either body of an ApiJsonUpload route: the parsed JSON body as it is, or the
 * form's file parsed as JSON (a file that is not JSON is a 400 naming the `file` field).
 */
export function uploadedJson(body: unknown, contentType: string | undefined): unknown {
  if (!/^multipart\/form-data\b/i.test(contentType ?? '')) return body;
  const text = uploadedText(body, 'application/json', contentType);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    throw new InvalidInputError('The file is not valid JSON', [{ field: FILE_FIELD, problem: 'must be a JSON document' }], 'import.unreadable');
  }
}

function isForm(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && !Buffer.isBuffer(body);
}
