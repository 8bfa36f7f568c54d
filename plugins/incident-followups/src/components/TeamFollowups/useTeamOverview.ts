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

/** A team's overview, loaded again when the options change or a followup's status does. */
export function useTeamOverview(options: TeamOverviewOptions | undefined) {
  const api = useApi(incidentFollowupsApiRef);
  const [overview, setOverview] = useState<TeamOverview>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const key = JSON.stringify(options ?? null);

  const reload = useCallback(async () => {
    if (!options) return;
    try {
      setOverview(await api.getTeamOverview(options));
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);

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
        await reload();
      } catch (e) {
        setError(e as Error);
      } finally {
        setBusy(false);
      }
    },
    [api, reload],
  );

  return { api, overview, error, busy, setStatus };
}
