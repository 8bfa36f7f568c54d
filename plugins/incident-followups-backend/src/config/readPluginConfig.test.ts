import { ConfigReader } from '@backstage/config';
import { readPluginConfig } from './readPluginConfig';

describe('readPluginConfig', () => {
  it('has defaults for everything', () => {
    const settings = readPluginConfig(new ConfigReader({}));
    expect(settings).toMatchObject({
      demoIncidentsFile: undefined,
      catalogTimeoutMs: 5000,
      groupHierarchyTtlMs: 60_000,
      ownershipSchedule: { frequency: { minutes: 5 } },
      reminderHour: 9,
      reminderSchedule: { frequency: { minutes: 30 } },
      readDecisionTtlMs: 5000,
      preparedStatements: true,
    });
  });

  it('reads demo data, timeouts, schedules and the reminder hour', () => {
    const settings = readPluginConfig(
      new ConfigReader({
        incidentFollowups: {
          demoData: { enabled: true, incidentsFile: 'incidents.yaml' },
          ownership: {
            catalogTimeout: { seconds: 2 },
            groupHierarchyTtl: '0s',
            schedule: { frequency: { minutes: 1 }, timeout: { seconds: 30 } },
          },
          reminders: { hour: 7 },
          permissions: { readDecisionTtl: '0s' },
          database: { preparedStatements: false },
        },
      }),
    );
    expect(settings).toMatchObject({
      demoIncidentsFile: 'incidents.yaml',
      catalogTimeoutMs: 2000,
      groupHierarchyTtlMs: 0,
      ownershipSchedule: {
        frequency: { minutes: 1 },
        timeout: { seconds: 30 },
      },
      reminderHour: 7,
      readDecisionTtlMs: 0,
      preparedStatements: false,
    });
    expect(
      readPluginConfig(
        new ConfigReader({
          incidentFollowups: {
            demoData: { enabled: false, incidentsFile: 'x' },
          },
        }),
      ).demoIncidentsFile,
    ).toBeUndefined();
  });

  it('names a wrong read decision time to live', () => {
    expect(() =>
      readPluginConfig(
        new ConfigReader({
          incidentFollowups: { permissions: { readDecisionTtl: 'soon' } },
        }),
      ),
    ).toThrow('readDecisionTtl');
  });

  it('names a prepared statements switch that is no boolean', () => {
    expect(() =>
      readPluginConfig(
        new ConfigReader({
          incidentFollowups: { database: { preparedStatements: 'maybe' } },
        }),
      ),
    ).toThrow('incidentFollowups.database.preparedStatements');
  });

  it('names a wrong reminder hour', () => {
    expect(() =>
      readPluginConfig(
        new ConfigReader({ incidentFollowups: { reminders: { hour: 25 } } }),
      ),
    ).toThrow(
      'incidentFollowups.reminders.hour must be a whole hour from 0 to 23, not 25',
    );
  });
});
