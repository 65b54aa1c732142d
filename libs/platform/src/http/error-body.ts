import { STATUS_CODES } from 'node:http';
import type { FieldProblem } from './domain-error';

/** The one body shape of every 4xx and 5xx response. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details?: FieldProblem[];
  requestId: string;
  [extra: string]: unknown;
}

export function errorBody(statusCode: number, code: string, message: string, requestId: string, details?: FieldProblem[], extra?: Record<string, unknown>): ErrorBody {
  return {
    ...extra,
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    code,
    message,
    ...(details && details.length > 0 ? { details } : {}),
    requestId,
  };
}
