import { dueDate, dueState } from './dueDates';

describe('dueDate', () => {
  const utc = { timeZone: 'UTC', holidays: [] };
  it.each([
    // Wednesday 2026-11-25
    [
      '3 calendar days',
      '2026-11-25T10:00:00Z',
      { days: 3 },
      utc,
      '2026-11-28T23:59:59.999Z',
    ],
    [
      '0 days is the same day',
      '2026-11-25T10:00:00Z',
      { days: 0 },
      utc,
      '2026-11-25T23:59:59.999Z',
    ],
    [
      '1 business day on a Wednesday',
      '2026-11-25T10:00:00Z',
      { businessDays: 1 },
      utc,
      '2026-11-26T23:59:59.999Z',
    ],
    [
      '1 business day from Friday skips the weekend',
      '2026-11-27T10:00:00Z',
      { businessDays: 1 },
      utc,
      '2026-11-30T23:59:59.999Z',
    ],
    [
      '5 business days from Friday',
      '2026-11-27T10:00:00Z',
      { businessDays: 5 },
      utc,
      '2026-12-04T23:59:59.999Z',
    ],
    [
      'from Saturday',
      '2026-11-28T10:00:00Z',
      { businessDays: 1 },
      utc,
      '2026-11-30T23:59:59.999Z',
    ],
    [
      'holidays are skipped',
      '2026-12-23T10:00:00Z',
      { businessDays: 2 },
      { timeZone: 'UTC', holidays: ['2026-12-24', '2026-12-25'] },
      '2026-12-29T23:59:59.999Z',
    ],
    [
      "late Friday UTC is Saturday in Tokyo, so days count from Tokyo's Saturday",
      '2026-11-27T20:00:00Z',
      { businessDays: 1 },
      { timeZone: 'Asia/Tokyo', holidays: [] },
      '2026-11-30T14:59:59.999Z',
    ],
    [
      'across the change to daylight saving time in New York',
      '2026-03-06T15:00:00Z',
      { businessDays: 5 },
      { timeZone: 'America/New_York', holidays: [] },
      '2026-03-14T03:59:59.999Z',
    ],
    [
      'across the end of a month and a year',
      '2026-12-30T10:00:00Z',
      { days: 3 },
      utc,
      '2027-01-02T23:59:59.999Z',
    ],
    [
      'end of day in New York',
      '2026-11-25T10:00:00Z',
      { days: 1 },
      { timeZone: 'America/New_York', holidays: [] },
      '2026-11-27T04:59:59.999Z',
    ],
  ])('%s', (_name, from, offset, policy, expected) => {
    expect(dueDate(from, offset as any, policy)).toBe(expected);
  });

  it('refuses an unknown time zone', () => {
    expect(() =>
      dueDate(
        '2026-11-25T10:00:00Z',
        { days: 1 },
        { timeZone: 'Mars/Olympus', holidays: [] },
      ),
    ).toThrow(/Invalid time zone/);
  });
});

describe('dueState', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  it.each([
    [null, 'no-due-date'],
    ['2026-11-25T11:59:59Z', 'overdue'],
    ['2026-11-26T12:00:00Z', 'due-soon'],
    ['2026-11-27T12:00:00Z', 'due-soon'],
    ['2026-11-27T12:00:01Z', 'on-time'],
  ])('due %p is %s', (dueAt, expected) => {
    expect(dueState(dueAt, now)).toBe(expected);
  });
});
