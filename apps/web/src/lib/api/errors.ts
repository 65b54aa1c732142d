/**
 * What the dashboard shows of a refused request: the API's one error shape
 * `{ statusCode, error, code, message, details?, requestId }`, read defensively (the OpenAPI document
 * does not describe error bodies yet: once it does, this reads the generated type instead).
 */
export interface FieldProblem {
  field: string;
  problem: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }

  static from(status: number, body: unknown): ApiError {
    const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const message = typeof record.message === 'string' ? record.message : `The server answered ${status}`;
    const code = typeof record.code === 'string' ? record.code : `http.${status}`;
    const details = Array.isArray(record.details)
      ? record.details.flatMap((d: unknown) => {
          const item = typeof d === 'object' && d !== null ? (d as Record<string, unknown>) : {};
          return typeof item.field === 'string' && typeof item.problem === 'string' ? [{ field: item.field, problem: item.problem }] : [];
        })
      : [];
    return new ApiError(status, code, message, details, typeof record.requestId === 'string' ? record.requestId : undefined);
  }

  /** The problems with one field of a form, joined for display under it. */
  fieldProblem(field: string): string | undefined {
    const problems = this.details.filter((d) => d.field === field).map((d) => d.problem);
    return problems.length > 0 ? problems.join('; ') : undefined;
  }
}

export function asApiError(error: unknown): ApiError | undefined {
  return error instanceof ApiError ? error : undefined;
}
