import { Injectable } from '@nestjs/common';

/** Placeholder replaced by the imports implementation. */
@Injectable()
export class ImportsService {
  async runQueued(_importId: string, _onProgress: (done: number, total: number) => Promise<void>): Promise<void> {}
}
