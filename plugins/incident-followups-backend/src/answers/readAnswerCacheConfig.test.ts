import { ConfigReader } from '@backstage/config';
import { readAnswerCacheConfig } from './readAnswerCacheConfig';

const read = (answerCache?: unknown) =>
  readAnswerCacheConfig(
    new ConfigReader(
      answerCache === undefined
        ? {}
        : { incidentFollowups: { answerCache } as any },
    ),
  );

describe('readAnswerCacheConfig', () => {
  it('keeps answers a minute in 64 MiB by default', () => {
    expect(read()).toEqual({ ttlMs: 60_000, maxBytes: 64 * 1024 * 1024 });
  });

  it('reads a time to live and a size', () => {
    expect(read({ ttl: '30s', maxSize: '16mb' })).toEqual({
      ttlMs: 30_000,
      maxBytes: 16 * 1024 * 1024,
    });
    expect(read({ ttl: { minutes: 0 } }).ttlMs).toBe(0);
  });

  it.each([{ ttl: 'soon' }, { ttl: true }])(
    'refuses the time to live %p, naming the key',
    answerCache => {
      expect(() => read(answerCache)).toThrow(/ttl/);
    },
  );

  it.each(['lots', '100kb', 0, ['1mb']])(
    'refuses the size %p, naming the key',
    maxSize => {
      expect(() => read({ maxSize })).toThrow(
        /incidentFollowups.answerCache.maxSize/,
      );
    },
  );
});
