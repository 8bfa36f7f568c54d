import { Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { ListCounter } from '../database/cursor';
import { DataVersions } from './DataVersions';

/** How long answers are kept, and how many bytes of them at most. */
export interface AnswerCacheConfig {
  /** 0 keeps nothing: every request is counted anew. */
  ttlMs: number;
  maxBytes: number;
}

type Compute = () => Promise<unknown>;

/**
 * The answers of the aggregate requests (a team's overview, the process
 * reviews), as JSON, kept per question and data version: any committed write
 * changes the version, so a kept answer is never used after a change to the
 * data; the time to live bounds how late what follows from the clock alone
 * (overdue, due soon, late post-mortems) can be. A request with
 * `Cache-Control: no-cache` is counted anew.
 *
 * Kept in this process, in a cache bounded by size: the version is read from
 * the database, so replicas never disagree on what is current, and the answers
 * of earlier versions, never asked for again, are dropped as the cache fills.
 */
export class AnswerCache {
  private readonly answers?: LRUCache<string, string, Compute>;

  constructor(
    private readonly versions: DataVersions,
    config: AnswerCacheConfig,
  ) {
    if (config.ttlMs > 0) {
      this.answers = new LRUCache<string, string, Compute>({
        ttl: config.ttlMs,
        maxSize: config.maxBytes,
        // Characters, which a JSON answer mostly has one byte of.
        sizeCalculation: json => Math.max(1, json.length),
        // A count evicted while under way still answers those who wait for it.
        ignoreFetchAbort: true,
        fetchMethod: async (_key, _stale, { context }) =>
          JSON.stringify(await context()),
      });
    }
  }

  /**
   * The answer to a question, as JSON: kept, or computed (once, however many
   * ask together) and kept; with `Cache-Control: no-cache`, computed for the
   * request and kept. The question names everything the answer depends
   * on besides the data and the clock: the request, and who may read what.
   */
  async json(req: Request, question: unknown, compute: Compute) {
    if (!this.answers) return JSON.stringify(await compute());
    const key = createHash('sha256')
      .update(JSON.stringify([await this.versions.current(), question]))
      .digest('base64');
    if (/\bno-cache\b/.test(req.get('cache-control') ?? '')) {
      // Counted for this request alone, not shared with a count under way.
      const json = JSON.stringify(await compute());
      this.answers.set(key, json);
      return json;
    }
    const kept = await this.answers.fetch(key, { context: compute });
    return kept ?? JSON.stringify(await compute());
  }

  /**
   * Counts lists as the answers are kept: the pages after a list's first
   * do not count it again while the data stays the same.
   */
  counter(req: Request): ListCounter {
    return async (list, count) =>
      JSON.parse(await this.json(req, ['list count', list], count));
  }

  /** Sends the answer to a question as the response, kept or computed as `json` gives it. */
  async send(
    req: Request,
    res: Response,
    question: unknown,
    compute: Compute,
  ): Promise<void> {
    res.type('json').send(await this.json(req, question, compute));
  }
}
