import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, InvalidInputError } from './domain-error';
import { unstorableCharacter } from '../text/storable-text';

/** Flattens class-validator's tree into one problem per field, with dotted paths (`links.orcid`, `emails.1`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({ field, problem: humanize(message, error.property, field) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

function humanize(message: string, property: string, field: string): string {
  if (message === `property ${property} should not exist`) return 'is not a known field';
  // class-validator starts messages with the bare property name; the field is already named.
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message.replace(property, field);
}

/** Where @nestjs/swagger keeps a DTO property's documented shape, `nullable` included. */
const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

/**
 * class-validator's @IsOptional (and PartialType, which adds it to every field) lets null through
 * as well as a missing field, so `{"role": null}` would reach a service that trusts the DTO. Null
 * is accepted only where the DTO documents the field as nullable; anywhere else it is a 400.
 */
export function unexpectedNulls(body: unknown, metatype: Function | undefined): FieldProblem[] {
  if (!metatype || body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  const problems: FieldProblem[] = [];
  for (const [field, value] of Object.entries(body)) {
    if (value !== null) continue;
    const documented = Reflect.getMetadata(SWAGGER_PROPERTY, metatype.prototype, field) as { nullable?: boolean } | undefined;
    if (documented && !documented.nullable) problems.push({ field, problem: 'must not be null' });
  }
  return problems;
}

const NUL_PROBLEM = 'must not contain the NUL character (U+0000)';
const SURROGATE_PROBLEM = 'must not contain a lone UTF-16 surrogate (U+D800 to U+DFFF without its pair)';
/** Deeper than any document Dossier reads; deeper input is refused rather than walked. */
const MAX_DEPTH = 64;

function textProblem(text: string): string | null {
  const found = unstorableCharacter(text);
  return found === 'nul' ? NUL_PROBLEM : found === 'lone-surrogate' ? SURROGATE_PROBLEM : null;
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000, and jsonb no lone surrogate (which JSON can write
 * as `\ud800`; the e-mail checks threw on one): input with either, in any string or key of a body,
 * a query or a path, is refused here with the field named, not left to fail further in.
 */
export function unstorableCharacters(value: unknown, field = '', depth = 0): FieldProblem[] {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [{ field: field || 'body', problem }] : [];
  }
  if (Buffer.isBuffer(value)) return value.includes(0) ? [{ field: field || 'body', problem: NUL_PROBLEM }] : [];
  if (value === null || typeof value !== 'object') return [];
  if (depth >= MAX_DEPTH) return [{ field: field || 'body', problem: `is nested too deeply (more than ${MAX_DEPTH} levels)` }];
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  return entries.flatMap(([key, v]) => {
    const path = field ? `${field}.${key}` : key;
    const problem = textProblem(key);
    return problem ? [{ field: path, problem }] : unstorableCharacters(v, path, depth + 1);
  });
}

class DossierValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const unstorable = unstorableCharacters(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (unstorable.length) throw invalid(unstorable);
    }
    const nulls = metadata.type === 'body' ? unexpectedNulls(value, metadata.metatype) : [];
    try {
      const result = await super.transform(value, metadata);
      if (nulls.length) throw invalid(nulls);
      return result;
    } catch (e) {
      if (nulls.length && e instanceof InvalidInputError) throw invalid([...nulls, ...(e.details ?? []).filter((d) => !nulls.some((n) => n.field === d.field))]);
      throw e;
    }
  }
}

function invalid(details: FieldProblem[]): InvalidInputError {
  const fields = [...new Set(details.map((d) => d.field))];
  return new InvalidInputError(`Invalid ${fields.join(', ')}`, details);
}

export function createValidationPipe(): ValidationPipe {
  return new DossierValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => invalid(flattenValidationErrors(errors)),
  });
}
