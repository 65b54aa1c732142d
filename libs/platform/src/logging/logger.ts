import { ConsoleLogger, LogLevel } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** JSON lines by default (one object per entry, for log shippers); `pretty` for local reading. */
export function createLogger(log: AppConfig['log'], context: string): ConsoleLogger {
  const levels = LEVELS.slice(0, LEVELS.indexOf(log.level) + 1);
  return new ConsoleLogger(context, { json: log.format === 'json', logLevels: levels, colors: log.format !== 'json' });
}
