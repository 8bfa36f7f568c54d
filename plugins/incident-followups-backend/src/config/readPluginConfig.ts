import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  FollowupsConfig,
  readFollowupsConfig,
} from '../followups/readFollowupsConfig';
import {
  PostmortemsConfig,
  readPostmortemsConfig,
} from '../postmortems/readPostmortemsConfig';
import { readReminderHour } from '../reminders/readReminderHour';
import { readTicketsConfig, TicketsConfig } from '../tickets/readTicketsConfig';
import { readRequestBodyLimit } from './readRequestBodyLimit';
import { AnswerCacheConfig } from '../answers/AnswerCache';
import { readAnswerCacheConfig } from '../answers/readAnswerCacheConfig';

/** Everything under `incidentFollowups`, read and checked once at start. */
export interface PluginConfig {
  /** The demo incidents file to seed, when demo data is on. */
  demoIncidentsFile?: string;
  catalogTimeoutMs: number;
  /** How long a group's descendants are kept; 0 asks the catalog every time. */
  groupHierarchyTtlMs: number;
  ownershipSchedule: SchedulerServiceTaskScheduleDefinition;
  followups: FollowupsConfig;
  postmortems: PostmortemsConfig;
  reminderHour: number;
  reminderSchedule: SchedulerServiceTaskScheduleDefinition;
  tickets: TicketsConfig;
  /** The largest request body read, in bytes. */
  requestBodyLimitBytes: number;
  answerCache: AnswerCacheConfig;
  /** How long a read's permission decision is kept per caller; 0 keeps none. */
  readDecisionTtlMs: number;
  /** Whether frequent reads run as prepared statements (PostgreSQL). */
  preparedStatements: boolean;
}

function readSchedule(
  config: Config | undefined,
  defaults: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return config?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('schedule'),
      )
    : defaults;
}

/** An optional duration (`{ seconds: 2 }`, `'2s'`) in milliseconds. */
function readMilliseconds(
  config: Config | undefined,
  key: string,
  defaultMs: number,
): number {
  return config?.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : defaultMs;
}

export function readPluginConfig(config: Config): PluginConfig {
  const demoData = config.getOptionalConfig('incidentFollowups.demoData');
  const ownership = config.getOptionalConfig('incidentFollowups.ownership');
  const reminders = config.getOptionalConfig('incidentFollowups.reminders');
  return {
    demoIncidentsFile: demoData?.getOptionalBoolean('enabled')
      ? demoData.getString('incidentsFile')
      : undefined,
    catalogTimeoutMs: readMilliseconds(ownership, 'catalogTimeout', 5_000),
    groupHierarchyTtlMs: readMilliseconds(
      ownership,
      'groupHierarchyTtl',
      60_000,
    ),
    ownershipSchedule: readSchedule(ownership, {
      frequency: { minutes: 5 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 15 },
    }),
    followups: readFollowupsConfig(config),
    postmortems: readPostmortemsConfig(config),
    reminderHour: readReminderHour(reminders),
    reminderSchedule: readSchedule(reminders, {
      frequency: { minutes: 30 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 1 },
    }),
    tickets: readTicketsConfig(config),
    requestBodyLimitBytes: readRequestBodyLimit(config),
    answerCache: readAnswerCacheConfig(config),
    readDecisionTtlMs: readMilliseconds(
      config.getOptionalConfig('incidentFollowups.permissions'),
      'readDecisionTtl',
      5_000,
    ),
    preparedStatements:
      config.getOptionalBoolean(
        'incidentFollowups.database.preparedStatements',
      ) ?? true,
  };
}
