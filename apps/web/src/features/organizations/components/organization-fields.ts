import type { ApiError } from '@/lib/api/errors';

/** Items typed in one line, separated by commas; blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * The problem with a name, for under the name's field: the API's field problem, or its 409 when
 * another organization (or team) already goes by that name.
 */
export function nameProblem(error: ApiError): string | undefined {
  return error.fieldProblem('name') ?? (error.code.endsWith('.name-taken') ? forPeople(error.message) : undefined);
}

/** The API's message without the route it names for API clients ("merge the two (POST …) instead"). */
export function forPeople(message: string): string {
  return message.replace(/ \((?:GET|POST|PATCH|PUT|DELETE) \/[^)]*\)/g, '');
}
