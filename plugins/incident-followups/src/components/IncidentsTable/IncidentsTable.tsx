import { ResponseErrorPanel, Table } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { Incident } from '@incident-followups/plugin-incident-followups-common';
import Box from '@material-ui/core/Box';
import { ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { MorePagesButton } from '../MorePagesButton';
import { useCursorPages } from '../useCursorPages';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';
import { incidentRouteRef } from '../../routes';
import {
  IncidentFilterValues,
  IncidentFilters,
  periodStart,
} from './IncidentFilters';
import { incidentColumns } from './incidentColumns';

const PAGE_SIZE = 50;
const OWNER_LOOKUPS = 12;
const OWNER_LOOKUP_INTERVAL_MS = 5_000;

/**
 * Incidents, newest first, with status, severity and period filters and older ones
 * page by page. Incidents grouped under a primary show as a count on the primary.
 */
export function IncidentsTable(props: {
  title: string;
  entityRef?: string;
  ownerRef?: string;
  actions?: ReactNode;
  emptyContent?: ReactNode;
}) {
  const { entityRef, ownerRef } = props;
  const api = useApi(incidentFollowupsApiRef);
  const incidentLink = useRouteRef(incidentRouteRef);
  const [filters, setFilters] = useState<IncidentFilterValues>({
    statuses: [],
    severities: [],
    period: 'all',
  });
  const fetchPage = useCallback(
    (cursor?: string) =>
      api.listIncidents({
        entityRef,
        ownerRef,
        statuses: filters.statuses,
        severities: filters.severities,
        since: periodStart(filters.period),
        cursor,
        limit: PAGE_SIZE,
      }),
    [api, entityRef, ownerRef, filters],
  );
  const state = useCursorPages(fetchPage);
  const { reload } = state;

  // Owners the catalog has not answered yet ("Looking up…") come with the
  // backend's next ownership refresh: look again for a minute.
  const [lookups, setLookups] = useState(0);
  const waitingForOwners =
    !state.loading &&
    state.items.length <= PAGE_SIZE &&
    state.items.some(incident => incident.ownersStale);
  useEffect(() => {
    if (!waitingForOwners || lookups >= OWNER_LOOKUPS) return undefined;
    const timer = setTimeout(() => {
      setLookups(n => n + 1);
      reload();
    }, OWNER_LOOKUP_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [waitingForOwners, lookups, reload]);

  const columns = useMemo(
    () =>
      incidentColumns(incident => incidentLink({ incidentId: incident.id })),
    [incidentLink],
  );
  const filtered =
    filters.statuses.length > 0 ||
    filters.severities.length > 0 ||
    filters.period !== 'all';

  return (
    <>
      <Box
        display="flex"
        justifyContent="space-between"
        alignItems="flex-start"
      >
        <IncidentFilters value={filters} onChange={setFilters} />
        {props.actions}
      </Box>
      {state.error && <ResponseErrorPanel error={state.error} />}
      <Table<Incident>
        title={`${props.title} (${state.totalCount})`}
        isLoading={state.loading && state.items.length === 0}
        columns={columns}
        data={state.items}
        options={{
          paging: false,
          search: false,
          padding: 'dense',
          toolbar: true,
        }}
        emptyContent={
          !state.loading &&
          (filtered ? 'No incidents match these filters.' : props.emptyContent)
        }
      />
      <MorePagesButton pages={state} label="Show older incidents" />
    </>
  );
}
