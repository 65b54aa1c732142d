import { ParseUUIDPipe } from '@nestjs/common';
import { InvalidInputError } from '#platform';

/** Path ids are uuids; anything else is a 400 naming the parameter, before any query runs. */
export function uuidParam(name = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new InvalidInputError(`Invalid ${name}`, [{ field: name, problem: 'must be a UUID' }]) });
}
