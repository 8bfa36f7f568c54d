import { useApi } from '@backstage/core-plugin-api';
import {
  Followup,
  FollowupStatus,
  TeamOverview,
} from '@incident-followups/plugin-incident-followups-common';
import { useCallback, useEffect, useState } from 'react';
import {
  incidentFollowupsApiRef,
  TeamOverviewOptions,
} from '../../api/IncidentFollowupsApi';
import { statusChange } from '../followups/followupText';
import { FOLLOWUPS_PER_PAGE } from '../followups/ShowMoreButton';

/** The most followups one overview lists (the backend's limit). */
const MOST_LISTED = 500;

/** The followups listed after the overview's, and where the next ones start. */
interface LaterPages {
  items: Followup[];
  nextCursor: string | null;
}

/**
 * A team's overview, loaded again when the options change or a followup's
 * status does; its followups page by page through `showMore`.
 */
export function useTeamOverview(options: TeamOverviewOptions | undefined) {
  const api = useApi(incidentFollowupsApiRef);
  const [overview, setOverview] = useState<TeamOverview>();
  const [later, setLater] = useState<LaterPages>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const key = JSON.stringify(options ?? null);

  const followups = overview
    ? [...overview.followups.items, ...(later?.items ?? [])]
    : [];
  const nextCursor = later
    ? later.nextCursor
    : overview?.followups.nextCursor ?? null;

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
        setLater(undefined);
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
    setLater(undefined);
    reload();
  }, [reload]);

  const showMore = useCallback(async () => {
    if (!options || !nextCursor) return;
    setBusy(true);
    try {
      const page = await api.listTeamFollowups(options, {
        cursor: nextCursor,
        limit: FOLLOWUPS_PER_PAGE,
      });
      setLater(previous => ({
        items: [...(previous?.items ?? []), ...page.items],
        nextCursor: page.nextCursor,
      }));
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, nextCursor]);

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
    showMore: nextCursor ? showMore : undefined,
    error,
    busy,
    setStatus,
  };
}
