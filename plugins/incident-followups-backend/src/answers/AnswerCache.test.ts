import { NotFoundError } from '@backstage/errors';
import { Request } from 'express';
import { AnswerCache } from './AnswerCache';
import { DataVersions } from './DataVersions';

const request = (cacheControl?: string) =>
  ({ get: () => cacheControl } as unknown as Request);

function setUp(ttlMs = 60_000) {
  let version = 1;
  const versions = {
    current: async () => String(version),
  } as unknown as DataVersions;
  const cache = new AnswerCache(versions, {
    ttlMs,
    maxBytes: 1024 * 1024,
  });
  return { cache, write: () => version++ };
}

describe('AnswerCache', () => {
  it('counts once for everyone asking the same question at the same version', async () => {
    const { cache, write } = setUp();
    const compute = jest.fn(async () => ({ open: 3 }));
    const answers = await Promise.all(
      [1, 2, 3].map(() => cache.json(request(), ['team', 'sre'], compute)),
    );
    expect(answers).toEqual(Array(3).fill('{"open":3}'));
    expect(compute).toHaveBeenCalledTimes(1);

    await cache.json(request(), ['team', 'payments'], compute);
    expect(compute).toHaveBeenCalledTimes(2);

    write();
    await cache.json(request(), ['team', 'sre'], compute);
    expect(compute).toHaveBeenCalledTimes(3);

    await Promise.all(
      [1, 2].map(() =>
        cache.json(request('no-cache'), ['team', 'sre'], compute),
      ),
    );
    expect(compute).toHaveBeenCalledTimes(5);
    await cache.json(request(), ['team', 'sre'], compute);
    expect(compute).toHaveBeenCalledTimes(5);
  });

  it('keeps no failure', async () => {
    const { cache } = setUp();
    const compute = jest
      .fn()
      .mockRejectedValueOnce(new NotFoundError('No group sre'))
      .mockResolvedValue({ open: 1 });
    await expect(cache.json(request(), ['team'], compute)).rejects.toThrow(
      'No group sre',
    );
    expect(await cache.json(request(), ['team'], compute)).toBe('{"open":1}');
  });

  it('counts every time with a time to live of 0', async () => {
    const { cache } = setUp(0);
    const compute = jest.fn(async () => ({ open: 3 }));
    await cache.json(request(), ['team'], compute);
    await cache.json(request(), ['team'], compute);
    expect(compute).toHaveBeenCalledTimes(2);
  });
});
