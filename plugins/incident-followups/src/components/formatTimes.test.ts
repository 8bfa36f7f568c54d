import { formatIncidentDuration, formatIncidentTime } from './formatTimes';

describe('formatIncidentTime', () => {
  it('shows the time in UTC whatever the offset given', () => {
    expect(formatIncidentTime('2026-11-02T10:14:00+01:00')).toBe(
      '2 Nov 2026, 09:14 UTC',
    );
  });
});

describe('formatIncidentDuration', () => {
  it.each([
    ['2026-11-02T09:00:00Z', '2026-11-02T09:07:00Z', '7m'],
    ['2026-11-02T09:00:00Z', '2026-11-02T11:15:00Z', '2h 15m'],
    ['2026-11-02T09:00:00Z', '2026-11-05T13:00:00Z', '3d 4h'],
    ['2026-11-02T09:00:00Z', '2026-11-02T08:00:00Z', '0m'],
  ])('from %s to %s is %s', (start, end, expected) => {
    expect(formatIncidentDuration(start, end)).toBe(expected);
  });

  it('counts an open incident up to now', () => {
    expect(
      formatIncidentDuration(
        '2026-11-02T09:00:00Z',
        null,
        new Date('2026-11-02T09:30:00Z'),
      ),
    ).toBe('30m');
  });
});
