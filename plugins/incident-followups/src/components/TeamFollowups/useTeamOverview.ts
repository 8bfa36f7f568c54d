import { useApi } from '@backstage/core-plugin-api';
import {
  Followup,
  FollowupStatus,
  TeamOverview,
} from '@incident-followups/plugin-incident-followups-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  incidentFollowupsApiRef,
  TeamOverviewOptions,
} from '../../api/IncidentFollowupsApi';
import { statusChange } from '../followups/followupText';
import { FOLLOWUPS_PER_PAGE } from '../followups/ShowMoreButton';
import { useLaterPages } from '../useLaterPages';

/** The most followups one overview lists (the backend's limit). */
const MOST_LISTED = 500;

/**
 * A team's overview, loaded again when the options change or a followup's
 * status does; its followups page by page through `showMore`.
 */
export function useTeamOverview(options: TeamOverviewOptions | undefined) {
  const api = useApi(incidentFollowupsApiRef);
  const [overview, setOverview] = useState<TeamOverview>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const key = JSON.stringify(options ?? null);

  const pages = useLaterPages(
    useMemo(
      () => ({
        items: overview?.followups.items ?? [],
        nextCursor: overview?.followups.nextCursor ?? null,
      }),
      [overview],
    ),
    useCallback(
      (cursor: string) =>
        api.listTeamFollowups(options!, {
          cursor,
          limit: FOLLOWUPS_PER_PAGE,
        }),
      // eslint-disable-next-line react-hooks/exhaustive-deps
      [api, key],
    ),
  );
  const followups = pages.items;

  /** Loads the overview again, listing at least `listed` followups (those the user has paged to). */
  const reload = useCallback(
    async (listed: number = 0) => {
      if (!options) return;
      const limit = options.followupLimit ?? MOST_LISTED;
      try {
        setOverview(
          await api.getTeamOverview({
            ...options,
            followupLimit:
              listed > limit ? Math.min(listed, MOST_LISTED) : limit,
          }),
        );
        setError(undefined);
      } catch (e) {
        setError(e as Error);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );

  useEffect(() => {
    setOverview(undefined);
    reload();
  }, [reload]);

  const setStatus = useCallback(
    async (
      followup: Followup,
      status: FollowupStatus,
      wontDoReason?: string,
    ) => {
      setBusy(true);
      try {
        await api.updateFollowup(
          followup.id,
          statusChange(followup, status, wontDoReason),
        );
        await reload(followups.length);
      } catch (e) {
        setError(e as Error);
      } finally {
        setBusy(false);
      }
    },
    [api, reload, followups.length],
  );

  return {
    api,
    overview,
    followups,
    showMore: pages.nextCursor ? pages.loadMore : undefined,
    error: error ?? pages.error,
    busy: busy || pages.loading,
    setStatus,
  };
}
