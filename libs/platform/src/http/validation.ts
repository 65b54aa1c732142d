import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, InvalidInputError } from './domain-error';

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

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const fields = [...new Set(details.map((d) => d.field))];
      return new InvalidInputError(`Invalid ${fields.join(', ')}`, details);
    },
  });
}
