import { ConflictError } from '#platform';
import type { BriefingStatus } from './briefing.entity';

/** The document of a version still being generated, or whose generation failed. */
export class BriefingNotReadyError extends ConflictError {
  constructor(id: string, status: BriefingStatus, error: string | null) {
    super('briefing.not-ready', status === 'failed' ? `Briefing ${id} failed: ${error ?? 'unknown error'}` : `Briefing ${id} is ${status}; ask again once it is ready`, { status });
  }
}
