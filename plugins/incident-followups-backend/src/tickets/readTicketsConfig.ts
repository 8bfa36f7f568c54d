import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  FOLLOWUP_PRIORITIES,
  FollowupPriority,
} from '@incident-followups/plugin-incident-followups-common';

/** `incidentFollowups.tickets`: automatic tickets and the status sync. */
export interface TicketsConfig {
  /** New action items of these priorities get a ticket as they are added. */
  autoCreatePriorities: FollowupPriority[];
  statusSchedule: SchedulerServiceTaskScheduleDefinition;
}

export function readTicketsConfig(config: Config): TicketsConfig {
  const tickets = config.getOptionalConfig('incidentFollowups.tickets');
  const priorities = tickets?.getOptionalStringArray('autoCreate') ?? [];
  for (const priority of priorities) {
    if (!(FOLLOWUP_PRIORITIES as readonly string[]).includes(priority)) {
      throw new Error(
        `incidentFollowups.tickets.autoCreate: '${priority}' is not a priority; use ${FOLLOWUP_PRIORITIES.join(
          ', ',
        )}`,
      );
    }
  }
  return {
    autoCreatePriorities: priorities as FollowupPriority[],
    statusSchedule: tickets?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          tickets.getConfig('schedule'),
        )
      : {
          frequency: { minutes: 10 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
        },
  };
}
