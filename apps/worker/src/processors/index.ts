import type { Type } from '@nestjs/common';
import { JobName } from '#platform';
import { ImportsProcessor } from './imports.processor';

/** Which processor handles each job. A job without a handler is a compile error here. */
export const JOB_HANDLERS: Record<JobName, Type> = {
  [JobName.RunImport]: ImportsProcessor,
};

export const PROCESSORS = [...new Set(Object.values(JOB_HANDLERS))];
