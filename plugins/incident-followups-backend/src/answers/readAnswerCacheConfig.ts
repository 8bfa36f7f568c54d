import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { readSize } from '../config/readSize';
import { AnswerCacheConfig } from './AnswerCache';

const KEY = 'incidentFollowups.answerCache';

/** `incidentFollowups.answerCache`: how long aggregate answers are kept (default 1 minute; 0 keeps none) and in how many bytes (default 64mb). */
export function readAnswerCacheConfig(config: Config): AnswerCacheConfig {
  const cache = config.getOptionalConfig(KEY);
  return {
    ttlMs: cache?.has('ttl')
      ? durationToMilliseconds(readDurationFromConfig(cache, { key: 'ttl' }))
      : 60_000,
    maxBytes: readSize(config, `${KEY}.maxSize`, {
      defaultBytes: 64 * 1024 * 1024,
      minBytes: 1024 * 1024,
      example: '64mb',
    }),
  };
}
