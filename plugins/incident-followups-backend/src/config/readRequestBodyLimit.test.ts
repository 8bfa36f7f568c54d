import { ConfigReader } from '@backstage/config';
import { readRequestBodyLimit } from './readRequestBodyLimit';

const read = (requestBodyLimit?: unknown) =>
  readRequestBodyLimit(
    new ConfigReader(
      requestBodyLimit === undefined
        ? {}
        : { incidentFollowups: { requestBodyLimit } as any },
    ),
  );

describe('readRequestBodyLimit', () => {
  it.each([
    [undefined, 256 * 1024],
    ['512kb', 512 * 1024],
    ['1mb', 1024 * 1024],
    ['2048', 2048],
    [4096, 4096],
  ])('reads %p as %p bytes', (value, expected) => {
    expect(read(value)).toBe(expected);
  });

  it.each(['lots', '', '10b', 0, -5, 1.5, true, ['1mb']])(
    'refuses %p, naming the key',
    value => {
      expect(() => read(value)).toThrow(/incidentFollowups.requestBodyLimit/);
    },
  );
});
