import { parseEntityRef } from '@backstage/catalog-model';
import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { TeamOverviewOptions } from '../../api/IncidentFollowupsApi';
import { downloadFile } from '../Postmortem/downloadFile';
import { readTeamFilters, TeamFilters, writeTeamFilters } from './teamFilters';
import { TeamFiltersBar } from './TeamFiltersBar';
import { TeamFollowupsList } from './TeamFollowupsList';
import { POSTMORTEMS_AT_FIRST, TeamPostmortems } from './TeamPostmortems';
import { periodStart } from './periodStart';
import { TeamSummary } from './TeamSummary';
import { TeamTrendCharts } from './TeamTrendCharts';
import { useTeamOverview } from './useTeamOverview';
import { FOLLOWUPS_PER_PAGE } from '../followups/ShowMoreButton';

function toOptions(filters: TeamFilters, now: number): TeamOverviewOptions {
  return {
    teamRef: filters.teamRef!,
    since: periodStart(filters.days, now),
    includeChildren: filters.includeChildren,
    severities: filters.severities.length ? filters.severities : undefined,
    statuses: filters.statuses === 'all' ? undefined : filters.statuses,
    memberRef: filters.memberRef ?? undefined,
    followupLimit: FOLLOWUPS_PER_PAGE,
    postmortemLimit: POSTMORTEMS_AT_FIRST,
  };
}

/**
 * Team followups: everything a team owes after incidents, what is late, and
 * whether the backlog is shrinking. Picks the signed-in user's first team unless
 * the URL names one.
 *
 * @public
 */
export function TeamFollowupsPage() {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  const [params, setParams] = useSearchParams();
  const filters = readTeamFilters(params);
  const setFilters = (next: TeamFilters) =>
    setParams(writeTeamFilters(next), { replace: true });

  // The user's own team first: a group of type "team" over rotations and departments.
  const { value: myTeam } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    const groups = identity.ownershipEntityRefs.filter(ref =>
      ref.startsWith('group:'),
    );
    if (groups.length === 0) return undefined;
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: groups,
      fields: ['spec.type'],
    });
    return groups.find((_, i) => items[i]?.spec?.type === 'team') ?? groups[0];
  }, [identityApi, catalogApi]);
  useEffect(() => {
    if (!filters.teamRef && myTeam) {
      setFilters({ ...filters, teamRef: myTeam });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters.teamRef, myTeam]);

  // The period ends now; it moves when the filters change, not on every render.
  const [now] = useState(() => Date.now());
  const key = params.toString();
  const options = useMemo(
    () => (filters.teamRef ? toOptions(filters, now) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, now],
  );
  const { api, overview, followups, showMore, error, busy, setStatus } =
    useTeamOverview(options);
  const [exportError, setExportError] = useState<Error>();

  const exportCsv = async () => {
    if (!options) return;
    try {
      const blob = await api.download(api.teamFollowupsCsvPath(options));
      downloadFile(
        blob,
        `${parseEntityRef(options.teamRef).name}-followups.csv`,
      );
      setExportError(undefined);
    } catch (e) {
      setExportError(e as Error);
    }
  };

  return (
    <Page themeId="tool">
      <Header
        title="Team followups"
        subtitle="What a team owes after incidents, what is late, and whether the backlog is shrinking"
      />
      <Content>
        <TeamFiltersBar
          filters={filters}
          onChange={setFilters}
          actions={
            <Button
              variant="outlined"
              startIcon={<GetAppIcon />}
              disabled={!options}
              onClick={exportCsv}
            >
              Export CSV
            </Button>
          }
        />
        {exportError && <ResponseErrorPanel error={exportError} />}
        {!filters.teamRef && (
          <EmptyState
            missing="field"
            title="Pick a team"
            description="Choose a team to see its open followups and post-mortems. Your own teams come first once you belong to one in the catalog."
          />
        )}
        {error && <ResponseErrorPanel error={error} />}
        {filters.teamRef && !overview && !error && <Progress />}
        {overview && (
          <>
            <TeamSummary overview={overview} />
            <Grid container spacing={3}>
              <Grid item xs={12} lg={7}>
                <TeamFollowupsList
                  followups={followups}
                  totalCount={overview.followups.totalCount}
                  onShowMore={showMore}
                  busy={busy}
                  onStatus={setStatus}
                />
              </Grid>
              <Grid item xs={12} lg={5}>
                <TeamPostmortems
                  postmortems={overview.postmortems}
                  options={options!}
                />
              </Grid>
            </Grid>
            <Box mt={3}>
              <TeamTrendCharts overview={overview} />
            </Box>
          </>
        )}
      </Content>
    </Page>
  );
}
