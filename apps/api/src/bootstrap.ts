import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import fastifyMultipart, { MultipartFile } from '@fastify/multipart';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Reflector } from '@nestjs/core';
import { AccountsService, IdempotencyKeysService } from '#domain/accounts/index';
import { AppConfig, createValidationPipe, drainRefusedBodies, registerAccessLog, SECRET_KEYRING, SecretKeyring } from '#platform';
import { Idempotency } from './common/idempotency';
import { registerRateLimit } from './common/rate-limit';
import { requestClient } from './auth/auth.guard';
import { describeBrowserSession } from './auth/browser-session';
import { mountQueueDashboard } from './queue-dashboard';
import { describeErrorAnswers, ErrorBody } from './common/api-errors';
import { describeUploads, refuseFormsElsewhere } from './common/file-upload';

/** `people.list`, `stage-templates.builtIns`, `applications.move`: the controller's noun and the method, stable as long as they are. */
export function operationIdFactory(controllerKey: string, methodKey: string): string {
  const noun = controllerKey.replace(/Controller$/, '').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return `${noun}.${methodKey}`;
}
import { mountWebApp } from './web/web-app';

/**
 * Fastify, for the lower per-request cost. `npm run bench:api` measures the whole stack against a bare
 * node:http + pg handler running the same SQL: with authentication and validation on, Dossier serves
 * ~0.8–0.9x its requests per second on GET /people?tag= and GET /people/:id (2 cores, shared with
 * PostgreSQL). The gap is Nest's pipeline, class-validator and GC; this adapter's request id and the
 * onSend hooks below cost under 1% of the server's CPU there, and so does the access log (about 5 µs
 * of CPU per line against 0.4–0.8 ms per request).
 */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Whether X-Forwarded-For/-Proto are believed for request.ip and request.protocol (TRUST_PROXY).
    // A hop count becomes "the nearest n hops" (Fastify reads a bare number as "trust none").
    trustProxy: typeof config.http.trustProxy === 'number' ? hops(config.http.trustProxy) : config.http.trustProxy,
    // Fastify's own logger stays off: the access log (registerAccessLog) writes one line per request through ours.
    logger: false,
  });
}

function hops(count: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < count;
}

/** Everything an API app needs beyond its module: validation, docs, dashboard. Signals are handled by main.ts. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<INestApplication> {
  app.useGlobalPipes(createValidationPipe());
  if (config.http.corsOrigins.length > 0) {
    // Bearer tokens, not cookies: no credentials mode. The headers a dashboard reads are exposed.
    app.enableCors({
      origin: config.http.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id'],
      exposedHeaders: ['location', 'x-request-id', 'idempotent-replayed', 'content-disposition', 'retry-after', 'ratelimit', 'ratelimit-policy', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'],
      maxAge: 600,
    });
  }
  const accounts = app.get(AccountsService);
  await registerRateLimit(app, config, {
    dataSource: app.get(DataSource),
    keyring: app.get<SecretKeyring>(SECRET_KEYRING),
    identify: (token, request) => accounts.authenticate(token, requestClient(request)).then((auth) => auth.tokenId, () => null),
  });
  const idempotency = new Idempotency(app.get(IdempotencyKeysService), app.get(Reflector));
  app.useGlobalInterceptors(idempotency);
  const fastify = app.getHttpAdapter().getInstance();
  registerAccessLog(fastify, config.log);
  // A refused body (413) is read to its end, up to 64 MiB (or 4 limits) more or 10 s, so the client gets the answer (see drainRefusedBodies).
  drainRefusedBodies(fastify, { maxBytes: Math.max(4 * config.http.bodyLimitBytes, 64 * 1024 * 1024), maxMs: 10_000 });
  fastify.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    await idempotency.settle(request, reply, payload);
    return payload;
  });
  // A browser's upload (multipart/form-data): one file, as big as a raw body may be, decoded to text;
  // the other fields small. The form arrives as { file: '…', … } (see uploadedText).
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: config.http.bodyLimitBytes, files: 1, fields: 10, fieldSize: 16 * 1024, parts: 11 },
    onFile: async (part: MultipartFile & { value?: unknown }) => {
      part.value = (await part.toBuffer()).toString('utf8');
    },
  });
  refuseFormsElsewhere(fastify);
  // Text formats (CSV, vCard) arrive as raw strings; their parsers live in the domain.
  fastify.addContentTypeParser(['text/csv', 'text/vcard', 'text/x-vcard', 'text/plain', 'text/directory'], { parseAs: 'string', bodyLimit: config.http.bodyLimitBytes }, (_req, body, done) => done(null, body));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Dossier API')
      .setDescription('Networking CRM and interviewer research for people preparing to be hired by research labs.')
      .setVersion('0.1.0')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description: 'An opaque token from POST /auth/login, POST /auth/register or POST /tokens (not a JWT: nothing to decode); send `Authorization: Bearer <token>`',
      })
      .addGlobalParameters({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { type: 'string', maxLength: 255 },
        description: 'On a write (POST, PUT, PATCH, DELETE): the same key again within a day gets the first answer back (header Idempotent-Replayed: true) and writes nothing; 409 while the first still runs, 422 with another method, path or body. A secret (a new token, a feed URL, recovery codes) is never kept: where the first answer held one, the retry gets 409 idempotency.secret-not-replayed with what was created, without the secret',
      })
      .build(),
    { operationIdFactory, extraModels: [ErrorBody] },
  );
  describeErrorAnswers(document);
  describeUploads(document);
  describeBrowserSession(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  if (config.bullBoard.enabled) await mountQueueDashboard(app);
  // The dashboard (apps/web, built into dist/web) at /app/, with / leading there.
  mountWebApp(fastify);
  return app;
}
