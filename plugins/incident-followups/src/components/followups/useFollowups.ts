import { useApi } from '@backstage/core-plugin-api';
import {
  Followup,
  FollowupStatus,
  Page,
} from '@incident-followups/plugin-incident-followups-common';
import { useCallback, useEffect, useState } from 'react';
import {
  IncidentFollowupsApi,
  incidentFollowupsApiRef,
} from '../../api/IncidentFollowupsApi';
import { statusChange } from './followupText';

/**
 * Followups from a loader, and status changes that show at once. `reloadKey`
 * loads again when it changes (an incident's version, say). With `loadNext`,
 * the pages after the first come through `showMore`.
 */
export function useFollowups(
  load: (api: IncidentFollowupsApi) => Promise<{
    items: Followup[];
    totalCount?: number;
    nextCursor?: string | null;
  }>,
  reloadKey: unknown,
  loadNext?: (
    api: IncidentFollowupsApi,
    cursor: string,
  ) => Promise<Page<Followup>>,
) {
  const api = useApi(incidentFollowupsApiRef);
  const [followups, setFollowups] = useState<Followup[]>();
  /** How many the loader says there are, when it lists only some. */
  const [totalCount, setTotalCount] = useState<number>();
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    try {
      const loaded = await load(api);
      setFollowups(loaded.items);
      setTotalCount(loaded.totalCount);
      setNextCursor(loaded.nextCursor ?? null);
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, reloadKey]);

  const showMore = useCallback(async () => {
    if (!loadNext || !nextCursor) return;
    setBusy(true);
    try {
      const page = await loadNext(api, nextCursor);
      setFollowups(list => [...(list ?? []), ...page.items]);
      setNextCursor(page.nextCursor);
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, reloadKey, nextCursor]);

  useEffect(() => {
    reload();
  }, [reload]);

  const replace = (updated: Followup) =>
    setFollowups(list => list?.map(f => (f.id === updated.id ? updated : f)));

  const setStatus = useCallback(
    async (
      followup: Followup,
      status: FollowupStatus,
      wontDoReason?: string,
    ) => {
      setBusy(true);
      try {
        replace(
          await api.updateFollowup(
            followup.id,
            statusChange(followup, status, wontDoReason),
          ),
        );
        setError(undefined);
      } catch (e) {
        setError(e as Error);
      } finally {
        setBusy(false);
      }
    },
    [api],
  );

  return {
    api,
    followups,
    totalCount,
    showMore: loadNext && nextCursor ? showMore : undefined,
    error,
    busy,
    reload,
    setStatus,
    setFollowups,
  };
}
