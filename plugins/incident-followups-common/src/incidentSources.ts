/**
 * How the import from one service of an incident source (such as a PagerDuty
 * service) is going, as `GET /sources` answers.
 *
 * @public
 */
export interface SourceServiceSync {
  /** The source, such as `pagerduty`. */
  sourceType: string;
  /** The service's id in the source. */
  serviceId: string;
  /** The catalog entities mapped to the service by their annotation. */
  entityRefs: string[];
  /** When the last sync of the service started; null if it never ran. */
  lastAttemptAt: string | null;
  /** When a sync of the service last completed. */
  lastSyncedAt: string | null;
  /** What went wrong in the last sync; null when it completed. */
  lastError: string | null;
  /** Incidents imported from the service so far. */
  importedCount: number;
}

/**
 * What the incident commander can do to an incident in its source (PagerDuty) from
 * the portal: merge the related incidents into it, set the priority of the final
 * severity and resolve it, add a note that links the post-mortem.
 *
 * @public
 */
export const SOURCE_ACTIONS = [
  'merge-related',
  'resolve',
  'link-postmortem',
] as const;

/** @public */
export type SourceAction = (typeof SOURCE_ACTIONS)[number];

const SOURCE_TITLES: Record<string, string> = {
  manual: 'Portal',
  pagerduty: 'PagerDuty',
};

/**
 * The name users know an incident source by, such as PagerDuty for `pagerduty`;
 * an unknown source type shows as it is.
 *
 * @public
 */
export function sourceTitle(sourceType: string): string {
  return SOURCE_TITLES[sourceType] ?? sourceType;
}
