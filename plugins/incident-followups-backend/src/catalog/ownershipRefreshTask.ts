import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';

export const OWNERSHIP_REFRESH_TASK = 'incident-followups-refresh-ownership';

/** How long after the backend starts the catalog may still be filling up. */
const CATCH_UP_MS = 10 * 60_000;
/** How soon incidents whose entities the catalog lacked are asked about again, meanwhile. */
const RETRY_MS = 15_000;

/**
 * The scheduled refresh of the incidents' owning teams. In the first minutes
 * after the backend starts, while the catalog may still be reading its
 * locations, a run that leaves incidents whose entities the catalog does not
 * know yet (the demo incidents, incidents stored while it was down) is
 * followed by another one 15 seconds later, not at the next scheduled run:
 * teams see those incidents about as soon as the catalog has the services.
 * Later, an entity the catalog lacks is most likely gone, and waits for the
 * schedule.
 */
export function ownershipRefreshTask(options: {
  refresh: () => Promise<{ checked: number; changed: number; stale: number }>;
  scheduler: SchedulerService;
  logger: LoggerService;
  now?: () => number;
}): () => Promise<void> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  return async () => {
    const { checked, changed, stale } = await options.refresh();
    options.logger.info(
      `Owning teams refreshed from the catalog: ${checked} incidents checked, ${changed} changed, ${stale} with entities the catalog does not know`,
    );
    if (stale === 0 || now() - startedAt >= CATCH_UP_MS) return;
    setTimeout(() => {
      options.scheduler.triggerTask(OWNERSHIP_REFRESH_TASK).catch(error =>
        // Running already (here or on another instance): that run asks again.
        options.logger.debug(
          `Owning teams not refreshed again yet: ${(error as Error).message}`,
        ),
      );
    }, RETRY_MS).unref();
  };
}
