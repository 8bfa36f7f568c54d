import { periodStart } from './periodStart';

describe('periodStart', () => {
  it('starts at midnight UTC the given number of days before today', () => {
    const now = Date.parse('2026-12-07T23:59:59.999+01:00');
    expect(periodStart(90, now)).toBe('2026-09-08T00:00:00.000Z');
    expect(periodStart(7, Date.parse('2026-12-07T00:00:00.000Z'))).toBe(
      '2026-11-30T00:00:00.000Z',
    );
  });

  it('is the same all day', () => {
    expect(periodStart(30, Date.parse('2026-12-07T00:00:01Z'))).toBe(
      periodStart(30, Date.parse('2026-12-07T23:59:59Z')),
    );
  });
});
