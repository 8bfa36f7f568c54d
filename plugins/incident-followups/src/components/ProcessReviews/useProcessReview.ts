import { useApi } from '@backstage/core-plugin-api';
import { ProcessReview } from '@incident-followups/plugin-incident-followups-common';
import { useCallback, useEffect, useState } from 'react';
import {
  IncidentFollowupsApi,
  incidentFollowupsApiRef,
} from '../../api/IncidentFollowupsApi';

/** A process review, and changes to it that answer with the whole review. */
export function useProcessReview(id: string) {
  const api = useApi(incidentFollowupsApiRef);
  const [review, setReview] = useState<ProcessReview>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    try {
      setReview(await api.getProcessReview(id));
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    }
  }, [api, id]);

  useEffect(() => {
    reload();
  }, [reload]);

  /** Runs a change; the review shown is what it answers, or reloaded when it answers something else. */
  const change = useCallback(
    async (run: (a: IncidentFollowupsApi) => Promise<unknown>) => {
      setBusy(true);
      try {
        const result = await run(api);
        if (result && typeof result === 'object' && 'agenda' in result) {
          setReview(result as ProcessReview);
        } else {
          await reload();
        }
        setError(undefined);
        return true;
      } catch (e) {
        setError(e as Error);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [api, reload],
  );

  return { api, review, error, busy, change, reload };
}
