import { DomainError, ErrorKind, FieldProblem } from '#platform';

export class InvalidWebhookError extends DomainError {
  constructor(details: FieldProblem[]) {
    super(ErrorKind.Invalid, 'webhook.invalid', `Invalid ${[...new Set(details.map((d) => d.field))].join(', ')}`, details);
  }
}

/** An account holds a bounded number of endpoints: each event is one delivery per endpoint. */
export class TooManyWebhooksError extends DomainError {
  constructor(max: number) {
    super(ErrorKind.Conflict, 'webhook.too-many', `An account may have at most ${max} webhook endpoints`);
  }
}
