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
