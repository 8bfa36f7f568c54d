import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  IncidentDetail,
  incidentSignalChannel,
} from '@incident-followups/plugin-incident-followups-common';
import { useCallback, useEffect, useState } from 'react';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';

/**
 * One incident, and a way to apply a change to it: the change's answer replaces
 * what is shown at once; a failure is kept for display. Changes made elsewhere
 * arrive through Backstage signals.
 */
export function useIncident(id: string) {
  const api = useApi(incidentFollowupsApiRef);
  const [incident, setIncident] = useState<IncidentDetail>();
  const [loadError, setLoadError] = useState<Error>();
  const [actionError, setActionError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    try {
      setIncident(await api.getIncident(id));
      setLoadError(undefined);
      setActionError(undefined);
    } catch (error) {
      setLoadError(error as Error);
    }
  }, [api, id]);

  useEffect(() => {
    setIncident(undefined);
    reload();
  }, [reload]);

  // Someone else changed the incident: show it without a reload.
  const { lastSignal } = useSignal(incidentSignalChannel(id));
  useEffect(() => {
    if (lastSignal) reload();
  }, [lastSignal, reload]);

  const apply = useCallback(
    async (change: () => Promise<IncidentDetail>): Promise<boolean> => {
      setBusy(true);
      setActionError(undefined);
      try {
        setIncident(await change());
        return true;
      } catch (error) {
        setActionError(error as Error);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [],
  );

  return { incident, loadError, actionError, busy, reload, apply, api };
}
