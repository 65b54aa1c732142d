import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestApp, TestApp } from '../support/test-app';

type Schema = { type?: string; format?: string; properties?: Record<string, Schema>; additionalProperties?: unknown; items?: Schema; allOf?: Schema[]; oneOf?: Schema[]; anyOf?: Schema[]; $ref?: string; description?: string };
type Response = { description?: string; content?: Record<string, { schema?: Schema }> };
type Operation = { operationId?: string; security?: unknown[]; parameters?: { in: string; name?: string; $ref?: string }[]; requestBody?: unknown; responses: Record<string, Response> };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema>; securitySchemes: Record<string, { type: string; scheme?: string; bearerFormat?: string }> } };

const ROOT = resolve(__dirname, '../..');
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
const ERROR_BODY = '#/components/schemas/ErrorBody';
/** Properties that are free-form on purpose, each with a description saying what they hold. */
const FREE_FORM = new Set(['MergeConflictDto.kept', 'MergeConflictDto.dropped']);

function operations(doc: Document): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).filter(([method]) => METHODS.includes(method)).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]));
}

/** Every schema reachable under components, with where it is, so a failure names the field. */
function properties(doc: Document): [string, string, Schema][] {
  const found: [string, string, Schema][] = [];
  const walk = (where: string, name: string, schema: Schema): void => {
    found.push([where, name, schema]);
    for (const [key, child] of Object.entries(schema.properties ?? {})) walk(`${where}.${key}`, key, child);
    if (schema.items) walk(`${where}[]`, name, schema.items);
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) walk(where, name, part);
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object') walk(`${where}{}`, name, schema.additionalProperties as Schema);
  };
  for (const [name, schema] of Object.entries(doc.components.schemas)) walk(name, name, schema);
  return found;
}

describe('The OpenAPI document is a contract a generated client stands on', () => {
  let t: TestApp;
  let doc: Document;

  beforeAll(async () => {
    t = await createTestApp({ queue: 'postgres' });
    doc = (await t.http().get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('names every operation `noun.method`, once', () => {
    const ids = operations(doc).map(([, op]) => op.operationId);
    expect(ids.filter((id) => !/^[a-z-]+\.[a-zA-Z]+$/.test(id ?? ''))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/people'].get.operationId).toBe('people.list');
    expect(doc.paths['/applications/{id}/moves'].post.operationId).toBe('applications.move');
    expect(doc.paths['/stage-templates/built-in'].get.operationId).toBe('stage-templates.builtIns');
  });

  it('describes bearer tokens as the opaque tokens they are', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque' });
  });

  it('answers every list as a bounded page: { items, total, limit, offset }, with limit and offset to ask for', () => {
    const bare: string[] = [];
    const unbounded: string[] = [];
    for (const [name, op] of operations(doc)) {
      if (!name.startsWith('GET ')) continue;
      const schema = op.responses['200']?.content?.['application/json']?.schema;
      // The built-in loops are a fixed catalogue of three, not a list that grows.
      if (schema?.type === 'array' && name !== 'GET /stage-templates/built-in') bare.push(name);
      const target = schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : undefined;
      const keys = Object.keys(target?.properties ?? {});
      if (keys.includes('items') && keys.includes('total')) {
        const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        if (!keys.includes('limit') || !keys.includes('offset') || !query.includes('limit') || !query.includes('offset')) unbounded.push(name);
      }
    }
    expect(bare).toEqual([]);
    expect(unbounded).toEqual([]);
  });

  it('gives every error answer the one ErrorBody schema, and lists the ones each operation can give', () => {
    const missing: string[] = [];
    for (const [name, op] of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400 && response.content?.['application/json']?.schema?.$ref !== ERROR_BODY) missing.push(`${name} ${status}: no ErrorBody`);
      }
      const expected = ['429'];
      if (op.security?.length) expected.push('401');
      if (op.requestBody) expected.push('400', '413');
      if (!name.startsWith('GET ')) expected.push('409', '422');
      if ((op.parameters ?? []).some((p) => p.in === 'path')) expected.push('404');
      for (const status of expected) if (!op.responses[status]) missing.push(`${name}: no ${status}`);
    }
    expect(missing).toEqual([]);
    expect(doc.paths['/applications/{id}/moves'].post.responses['409'].description).toContain('allowedMoves');
    expect(Object.keys(doc.paths['/auth/login'].post.responses)).toEqual(expect.arrayContaining(['401', '403', '429']));
    const body = doc.components.schemas.ErrorBody;
    expect(Object.keys(body.properties ?? {})).toEqual(expect.arrayContaining(['statusCode', 'error', 'code', 'message', 'details', 'requestId', 'allowedMoves', 'fromStage']));
  });

  it('types every object it answers or takes: no bare `type: object`, every date field with a date format, nullable scalars as scalars', () => {
    const bare: string[] = [];
    const undated: string[] = [];
    const untypedArrays: string[] = [];
    for (const [where, name, schema] of properties(doc)) {
      const field = where.replace(/\[\]$/, '');
      if (schema.type === 'object' && !schema.properties && !schema.additionalProperties && !schema.allOf && !(FREE_FORM.has(field) && schema.description)) bare.push(where);
      if (schema.type === 'array' && !schema.items) untypedArrays.push(where);
      if (/(At|Date)$/.test(name) && where.includes('.') && !schema.$ref && !schema.allOf && !['date', 'date-time'].includes(schema.format ?? '')) undated.push(where);
    }
    expect(bare).toEqual([]);
    expect(undated).toEqual([]);
    expect(untypedArrays).toEqual([]);
    // Every answer with a body says what the body is.
    const shapeless = operations(doc).flatMap(([name, op]) => Object.entries(op.responses).filter(([status, r]) => Number(status) < 300 && status !== '204' && !Object.values(r.content ?? {}).some((c) => c.schema)).map(([status]) => `${name} ${status}`));
    expect(shapeless).toEqual([]);
    const person = doc.components.schemas.CreatePersonDto.properties ?? {};
    expect(person.headline).toMatchObject({ type: 'string', nullable: true });
    expect(person.followUpCadenceDays).toMatchObject({ type: 'number', nullable: true });
    expect(person.links).toMatchObject({ type: 'object', additionalProperties: { type: 'string' } });
    // Enums a client shares across screens are named components, referenced where they are used.
    expect(doc.components.schemas.ApplicationStatus).toMatchObject({ type: 'string', enum: expect.arrayContaining(['active', 'offer']) });
    expect(doc.components.schemas.ScholarlySource).toMatchObject({ type: 'string', enum: expect.arrayContaining(['openalex', 'orcid']) });
    expect(doc.components.schemas.WebhookEventType).toMatchObject({ type: 'string', enum: expect.arrayContaining(['application.moved', 'task.due']) });
    expect(JSON.stringify(doc.components.schemas.ApplicationResponse.properties?.status)).toContain('#/components/schemas/ApplicationStatus');
  });

  it('names the same thing the same way, and says which names are on their way out', () => {
    const reject = doc.components.schemas.RejectIdentityDto.properties ?? {};
    expect(reject.id).toMatchObject({ type: 'string' });
    expect(reject.sourceAuthorId).toMatchObject({ type: 'string', deprecated: true });
    expect(doc.components.schemas.LinkIdentityDto.properties?.id).toMatchObject({ type: 'string' });
  });

  it('takes an import as the raw file or as a browser form with a file field', () => {
    const body = doc.paths['/imports/linkedin'].post.requestBody as { content: Record<string, { schema: Schema & { required?: string[] } }> };
    expect(body.content['text/csv'].schema).toMatchObject({ type: 'string' });
    expect(body.content['multipart/form-data'].schema).toMatchObject({ type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } });
    // A Dossier export: the document as the JSON body (its schema), or its .json file in a form.
    const dossier = doc.paths['/imports/dossier'].post.requestBody as { content: Record<string, { schema: Schema & { required?: string[]; $ref?: string } }> };
    expect(Object.keys(dossier.content).sort()).toEqual(['application/json', 'multipart/form-data']);
    expect(dossier.content['application/json'].schema.$ref).toBe('#/components/schemas/AccountExportDto');
    expect(dossier.content['multipart/form-data'].schema).toMatchObject({ type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } });
  });

  it('generates a client (openapi-typescript) that a dashboard flow using openapi-fetch type-checks against with no error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dossier-contract-'));
    try {
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
      // defaultNonNullable off: openapi-typescript 7 otherwise makes a request field with a default (an
      // application's source) required to send (openapi-ts/openapi-typescript#2012); the dashboard's generator runs with it off too.
      execFileSync(process.execPath, [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), join(dir, 'openapi.json'), '-o', join(dir, 'schema.d.ts'), '--default-non-nullable', 'false'], { stdio: 'pipe' });
      copyFileSync(join(ROOT, 'test/contract/client-flow.ts'), join(dir, 'client-flow.ts'));
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'node20', moduleResolution: 'node16', target: 'ES2023', lib: ['ES2023', 'DOM'], skipLibCheck: true, types: [] }, files: ['client-flow.ts'] }),
      );
      let output = '';
      try {
        execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { stdio: 'pipe' });
      } catch (error) {
        output = String((error as { stdout?: Buffer }).stdout ?? error);
      }
      expect(output.split('\n').filter((line) => line.includes('error TS'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
