import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { isScholarlySource, scholarlySourceNames } from './source-registry';

/**
 * The name of a source this process knows, checked against the registry when a request arrives (not
 * when the class is loaded): a plug-in registered before the apps are built is accepted like a
 * built-in one. The message lists the names known, as `@IsIn` would. The OpenAPI document describes
 * these fields with the `ScholarlySource` enum of the built-in sources (a schema is written once,
 * when the DTO classes load), and says that a server's plug-in sources are accepted too.
 */
export function IsScholarlySource(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isScholarlySource',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isScholarlySource(value),
        defaultMessage: buildMessage((each) => `${each}$property must be one of the following values: ${scholarlySourceNames().join(', ')}`, options),
      },
    },
    options,
  );
}

/** A list of sources no longer than the number of sources known (each at most once, in effect): checked when a request arrives. */
export function AtMostEverySource(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'atMostEverySource',
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || value.length <= scholarlySourceNames().length,
        defaultMessage: buildMessage(() => `$property must contain no more than ${scholarlySourceNames().length} elements`, options),
      },
    },
    options,
  );
}

/** What the OpenAPI document says of a field that names a source. */
export const PLUGIN_SOURCES_NOTE = 'The built-in sources are listed; a server with plug-in sources accepts and answers their names too.';
