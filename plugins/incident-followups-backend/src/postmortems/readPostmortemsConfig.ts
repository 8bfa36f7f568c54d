import { Config } from '@backstage/config';
import {
  entityRefSchema,
  Severity,
  SEVERITIES,
} from '@incident-followups/plugin-incident-followups-common';

/** `incidentFollowups.postmortems`: who hears about post-mortems beyond the owning teams. */
export interface PostmortemsConfig {
  /** Per final severity, the groups and users told when the IC notifies the stakeholders. */
  stakeholders: Record<Severity, string[]>;
}

export function readPostmortemsConfig(config: Config): PostmortemsConfig {
  const section = config.getOptionalConfig(
    'incidentFollowups.postmortems.stakeholders',
  );
  const stakeholders = Object.fromEntries(
    SEVERITIES.map(s => [s, [] as string[]]),
  ) as Record<Severity, string[]>;
  for (const key of section?.keys() ?? []) {
    const path = `incidentFollowups.postmortems.stakeholders.${key}`;
    if (!(SEVERITIES as readonly string[]).includes(key)) {
      throw new Error(
        `Invalid configuration: ${path}: ${key} is not a severity (one of ${SEVERITIES.join(
          ', ',
        )})`,
      );
    }
    stakeholders[key as Severity] = section!
      .getStringArray(key)
      .map((ref, index) => {
        const parsed = entityRefSchema.safeParse(ref);
        if (!parsed.success || !/^(user|group):/.test(parsed.data)) {
          throw new Error(
            `Invalid configuration: ${path}[${index}]: '${ref}' is not a user or group ref`,
          );
        }
        return parsed.data;
      });
  }
  return { stakeholders };
}
