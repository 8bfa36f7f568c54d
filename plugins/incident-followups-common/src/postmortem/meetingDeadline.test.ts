import { DEFAULT_DUE_DATE_POLICY, DueDatePolicy } from '../dueDates';
import { meetingDeadline, meetingState } from './meetingDeadline';

describe('meetingDeadline', () => {
  const berlin: DueDatePolicy = { timeZone: 'Europe/Berlin', holidays: [] };
  const wednesdayOff: DueDatePolicy = {
    timeZone: 'UTC',
    holidays: ['2026-11-25'],
  };
  it.each([
    // Friday afternoon: SEV-1 counts calendar days, so the weekend counts.
    [
      '2026-11-20T15:00:00Z',
      'SEV-1',
      DEFAULT_DUE_DATE_POLICY,
      '2026-11-23T23:59:59.999Z',
    ],
    // Friday: five business days skip the weekend.
    [
      '2026-11-20T15:00:00Z',
      'SEV-2',
      DEFAULT_DUE_DATE_POLICY,
      '2026-11-27T23:59:59.999Z',
    ],
    [
      '2026-11-20T15:00:00Z',
      'SEV-4',
      DEFAULT_DUE_DATE_POLICY,
      '2026-11-27T23:59:59.999Z',
    ],
    // Saturday resolution: business days start on Monday.
    [
      '2026-11-21T10:00:00Z',
      'SEV-2',
      DEFAULT_DUE_DATE_POLICY,
      '2026-11-27T23:59:59.999Z',
    ],
    // 23:30 UTC on Friday is already Saturday in Berlin.
    ['2026-11-20T23:30:00Z', 'SEV-1', berlin, '2026-11-24T22:59:59.999Z'],
    ['2026-11-20T23:30:00Z', 'SEV-2', berlin, '2026-11-27T22:59:59.999Z'],
    // A holiday on the Wednesday pushes SEV-2 one business day further.
    ['2026-11-20T15:00:00Z', 'SEV-2', wednesdayOff, '2026-11-30T23:59:59.999Z'],
  ] as const)(
    'resolved %s, %s → %s',
    (resolvedAt, severity, policy, expected) => {
      expect(meetingDeadline(resolvedAt, severity, policy)).toBe(expected);
    },
  );

  it('has no deadline before resolution', () => {
    expect(meetingDeadline(null, 'SEV-1', DEFAULT_DUE_DATE_POLICY)).toBeNull();
  });
});

describe('meetingState', () => {
  const deadline = '2026-11-27T23:59:59.999Z';
  const now = new Date('2026-11-24T12:00:00Z');
  it.each([
    ['reviewed', null, deadline, now, 'held'],
    ['closed', null, deadline, now, 'held'],
    ['draft', null, null, now, 'waiting-for-resolution'],
    ['draft', '2026-11-26T14:00:00Z', deadline, now, 'on-time'],
    ['draft', '2026-11-30T14:00:00Z', deadline, now, 'late'],
    ['draft', null, deadline, now, 'on-time'],
    ['draft', null, deadline, new Date('2026-11-26T12:00:00Z'), 'at-risk'],
    [
      'in-review',
      '2026-11-26T14:00:00Z',
      deadline,
      new Date('2026-11-28T09:00:00Z'),
      'late',
    ],
  ] as const)(
    '%s, meeting %s, deadline %s, at %s → %s',
    (status, scheduled, due, at, expected) => {
      expect(
        meetingState({ status, meetingScheduledFor: scheduled }, due, at),
      ).toBe(expected);
    },
  );
});
