import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import {
  Severity,
  SEVERITIES,
} from '@incident-followups/plugin-incident-followups-common';
import { z } from 'zod';

/** The module's settings, read and checked once at start. */
export interface PagerDutyConfig {
  apiBaseUrl: string;
  apiToken: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  initialLookbackDays: number;
  prioritySeverities: Record<string, Severity>;
  defaultSeverity: Severity;
  requestTimeoutMs: number;
  /** The `From` of writes by users without an e-mail address in the catalog. */
  fromEmail?: string;
  /** Where the customer liaison posts external messages. */
  statusPage?: { id: string; statusId: string; severityId: string };
}

const DEFAULT_PRIORITY_SEVERITIES: Record<string, Severity> = {
  P1: 'SEV-1',
  P2: 'SEV-2',
  P3: 'SEV-3',
  P4: 'SEV-4',
  P5: 'SEV-5',
};

const severitySchema = z.enum(SEVERITIES);

function parseAt<T>(schema: z.ZodType<T>, value: unknown, key: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      `${key}: ${result.error.issues
        .map(i => [...i.path, i.message].join(': '))
        .join('; ')}`,
    );
  }
  return result.data;
}

/** Undefined when no API token is configured: the module then imports nothing. */
export function readPagerDutyConfig(
  config: Config,
): PagerDutyConfig | undefined {
  const apiToken = config.getOptionalString('pagerDuty.apiToken');
  if (!apiToken) return undefined;
  const apiBaseUrl = parseAt(
    z.string().url(),
    config.getOptionalString('pagerDuty.apiBaseUrl') ??
      'https://api.pagerduty.com',
    'pagerDuty.apiBaseUrl',
  ).replace(/\/+$/, '');
  const settings = config.getOptionalConfig('incidentFollowups.pagerDuty');
  const schedule = settings?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        settings.getConfig('schedule'),
      )
    : {
        frequency: { minutes: 5 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 30 },
      };
  return {
    apiBaseUrl,
    apiToken,
    schedule,
    initialLookbackDays: parseAt(
      z.number().int().min(1).max(180),
      settings?.getOptionalNumber('initialLookbackDays') ?? 30,
      'incidentFollowups.pagerDuty.initialLookbackDays',
    ),
    prioritySeverities: parseAt(
      z.record(z.string().min(1), severitySchema),
      settings?.getOptional('prioritySeverities') ??
        DEFAULT_PRIORITY_SEVERITIES,
      'incidentFollowups.pagerDuty.prioritySeverities',
    ),
    defaultSeverity: parseAt(
      severitySchema,
      settings?.getOptionalString('defaultSeverity') ?? 'SEV-3',
      'incidentFollowups.pagerDuty.defaultSeverity',
    ),
    fromEmail: settings?.has('fromEmail')
      ? parseAt(
          z.string().email(),
          settings.getString('fromEmail'),
          'incidentFollowups.pagerDuty.fromEmail',
        )
      : undefined,
    statusPage: settings?.has('statusPage')
      ? parseAt(
          z
            .object({
              id: z.string().min(1),
              statusId: z.string().min(1),
              severityId: z.string().min(1),
            })
            .strict(),
          settings.get('statusPage'),
          'incidentFollowups.pagerDuty.statusPage',
        )
      : undefined,
    requestTimeoutMs: settings?.has('requestTimeout')
      ? durationToMilliseconds(
          readDurationFromConfig(settings, { key: 'requestTimeout' }),
        )
      : 30_000,
  };
}
