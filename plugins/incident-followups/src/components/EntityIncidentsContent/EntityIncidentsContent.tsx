import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Incident } from '@incident-followups/plugin-incident-followups-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useCallback, useEffect, useState } from 'react';
import { incidentFollowupsApiRef } from '../../api/IncidentFollowupsApi';
import { formatIncidentDuration, formatIncidentTime } from '../formatTimes';
import { IncidentStatusLabel } from '../IncidentStatusLabel';
import { SeverityChip } from '../SeverityChip';

const PAGE_SIZE = 50;

const noWrap = { whiteSpace: 'nowrap' } as const;

const columns: TableColumn<Incident>[] = [
  {
    title: 'Severity',
    field: 'severity',
    width: '110px',
    render: incident => <SeverityChip severity={incident.severity} />,
  },
  {
    title: 'Incident',
    field: 'title',
    render: incident => (
      <>
        <Typography variant="body2">{incident.title}</Typography>
        {incident.description && (
          <Typography variant="caption" color="textSecondary">
            {incident.description}
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'Status',
    cellStyle: noWrap,
    field: 'status',
    width: '150px',
    render: incident => <IncidentStatusLabel status={incident.status} />,
  },
  {
    title: 'Started',
    cellStyle: noWrap,
    field: 'startedAt',
    width: '200px',
    render: incident => formatIncidentTime(incident.startedAt),
  },
  {
    title: 'Duration',
    cellStyle: noWrap,
    width: '110px',
    sorting: false,
    render: incident => {
      const duration = formatIncidentDuration(
        incident.startedAt,
        incident.resolvedAt,
      );
      return incident.resolvedAt ? duration : `${duration} so far`;
    },
  },
];

interface LoadState {
  items: Incident[];
  totalCount: number;
  nextCursor: string | null;
  loading: boolean;
  error?: Error;
}

/**
 * The Incidents tab of a catalog entity: its incidents, newest first.
 *
 * @public
 */
export function EntityIncidentsContent() {
  const { entity } = useEntity();
  const api = useApi(incidentFollowupsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const [state, setState] = useState<LoadState>({
    items: [],
    totalCount: 0,
    nextCursor: null,
    loading: true,
  });

  const load = useCallback(
    async (cursor?: string) => {
      setState(previous => ({ ...previous, loading: true, error: undefined }));
      try {
        const page = await api.listIncidents({
          entityRef,
          cursor,
          limit: PAGE_SIZE,
        });
        setState(previous => ({
          items: cursor ? [...previous.items, ...page.items] : page.items,
          totalCount: page.totalCount,
          nextCursor: page.nextCursor,
          loading: false,
        }));
      } catch (error) {
        setState(previous => ({
          ...previous,
          loading: false,
          error: error as Error,
        }));
      }
    },
    [api, entityRef],
  );

  useEffect(() => {
    load();
  }, [load]);

  if (state.error && state.items.length === 0) {
    return <ResponseErrorPanel error={state.error} />;
  }
  if (!state.loading && state.items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No incidents"
        description={`No incident has affected ${
          entity.metadata.title ?? entity.metadata.name
        } yet.`}
      />
    );
  }
  return (
    <>
      <Table<Incident>
        title={`Incidents (${state.totalCount})`}
        isLoading={state.loading && state.items.length === 0}
        columns={columns}
        data={state.items}
        options={{ paging: false, search: true, padding: 'dense' }}
      />
      {state.error && <ResponseErrorPanel error={state.error} />}
      {state.nextCursor && (
        <Button
          variant="outlined"
          disabled={state.loading}
          onClick={() => load(state.nextCursor ?? undefined)}
          style={{ marginTop: 16 }}
        >
          Show older incidents ({state.totalCount - state.items.length} more)
        </Button>
      )}
    </>
  );
}
