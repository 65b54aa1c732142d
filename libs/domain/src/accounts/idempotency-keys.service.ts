import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IdempotencyKeysRepository, KeptAnswer } from './idempotency-keys.repository';

export type { KeptAnswer } from './idempotency-keys.repository';

/** How long an answer is kept for a retry. */
const KEEP = '24 hours';
/** A first request still unanswered after this long died with its process: the key is free again. */
const ABANDONED = '5 minutes';

/**
 * The answers kept for Idempotency-Key writes, per user (the API's Idempotency interceptor decides
 * what to keep and replay; this is where they are stored).
 */
@Injectable()
export class IdempotencyKeysService {
  constructor(private readonly keys: IdempotencyKeysRepository) {}

  /** True when this request is the first with the key (or the key's answer expired or was abandoned). */
  claim(userId: string, key: string, fingerprint: string): Promise<boolean> {
    return this.keys.claim(userId, key, fingerprint, KEEP, ABANDONED);
  }

  /** What is kept for the key, if anything. */
  find(userId: string, key: string): Promise<KeptAnswer | undefined> {
    return this.keys.find(userId, key);
  }

  /** Frees the key (the request failed with a 5xx, or its answer cannot be kept): a retry runs again. */
  release(userId: string, key: string): Promise<void> {
    return this.keys.release(userId, key);
  }

  /** Keeps the answer for retries; answers older than a day are cleared as each user writes. */
  async keep(userId: string, key: string, answer: { status: number; body: string | null; headers: Record<string, string> }): Promise<void> {
    await this.keys.keep(userId, key, answer.status, answer.body, answer.headers);
    await this.keys.expire(userId, KEEP);
  }

  /** Deletes the user's kept answers that mention any of `needles` (erasing a person), in the caller's transaction. */
  eraseMentioning(em: EntityManager, userId: string, needles: string[]): Promise<number> {
    return this.keys.eraseMentioning(em, userId, needles);
  }
}
