import { ConfigReader } from '@backstage/config';
import { DEFAULT_CHECKLISTS } from '@incident-followups/plugin-incident-followups-common';
import { readFollowupsConfig } from './readFollowupsConfig';

describe('readFollowupsConfig', () => {
  it('uses the defaults when nothing is configured', () => {
    expect(readFollowupsConfig(new ConfigReader({}))).toEqual({
      checklists: DEFAULT_CHECKLISTS,
      policy: { timeZone: 'UTC', holidays: [] },
      actionItemDue: { 'SEV-1': { days: 15 }, 'SEV-2': { days: 30 } },
    });
  });

  it('reads checklists and due dates', () => {
    const config = readFollowupsConfig(
      new ConfigReader({
        incidentFollowups: {
          checklists: {
            deputy: [{ id: 'handover', title: 'Write the handover' }],
          },
          dueDates: {
            timeZone: 'Europe/Berlin',
            holidays: ['2026-12-25'],
            actionItems: { 'SEV-1': { businessDays: 10 } },
          },
        },
      }),
    );
    expect(config.checklists.deputy).toEqual([
      { id: 'handover', title: 'Write the handover' },
    ]);
    expect(config.checklists.scribe).toEqual(DEFAULT_CHECKLISTS.scribe);
    expect(config.policy).toEqual({
      timeZone: 'Europe/Berlin',
      holidays: ['2026-12-25'],
    });
    expect(config.actionItemDue).toEqual({ 'SEV-1': { businessDays: 10 } });
  });

  it.each([
    [
      { checklists: { captain: [] } },
      'incidentFollowups.checklists.captain: is not a role',
    ],
    [
      { checklists: { scribe: [{ id: 'x', title: 'y', due: { weeks: 2 } }] } },
      'incidentFollowups.checklists.scribe.0.due',
    ],
    [
      { dueDates: { timeZone: 'Mars/Olympus' } },
      'incidentFollowups.dueDates.timeZone: must be an IANA time zone',
    ],
    [
      { dueDates: { holidays: ['25.12.2026'] } },
      'incidentFollowups.dueDates.holidays.0: must be a date as YYYY-MM-DD',
    ],
  ])(
    'stops at a mistake and names the key (%#)',
    (incidentFollowups, message) => {
      expect(() =>
        readFollowupsConfig(new ConfigReader({ incidentFollowups })),
      ).toThrow(message);
    },
  );
});
