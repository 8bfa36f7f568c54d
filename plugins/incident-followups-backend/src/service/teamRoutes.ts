import { ReadAccess } from './readFilter';
import { AnswerCache } from '../answers/AnswerCache';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  dueState,
  Followup,
  RESPONDER_ROLE_TITLES,
  isFollowupOpen,
} from '@incident-followups/plugin-incident-followups-common';
import { stringify } from 'csv-stringify/sync';
import { Request, Router } from 'express';
import { TeamOverviewService } from '../teams/TeamOverviewService';
import { parseRequest } from './parse';
import {
  teamExportQuerySchema,
  teamFollowupsQuerySchema,
  teamOverviewQuerySchema,
  teamParamsSchema,
  teamPostmortemsQuerySchema,
} from './querySchemas';

/** Followups in one export at most; `X-Total-Count` says how many there are. */
const CSV_ROW_LIMIT = 10_000;

const CSV_COLUMNS = [
  'Incident',
  'Severity',
  'Followup',
  'Type',
  'Priority',
  'Owner',
  'Status',
  'Due',
  'Overdue',
  'Completed',
  'Link',
];

/**
 * A cell a spreadsheet will not run: text starting with =, +, - or @ (a formula
 * to Excel and friends) gets a leading apostrophe, as OWASP advises.
 */
function cell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvRow(followup: Followup, appBaseUrl: string) {
  return [
    followup.incidentTitle,
    followup.incidentSeverity,
    followup.title,
    followup.role ? RESPONDER_ROLE_TITLES[followup.role] : 'Action item',
    followup.priority ?? '',
    followup.ownerRef ?? 'unassigned',
    followup.status,
    followup.dueAt ?? '',
    dueState(followup.dueAt) === 'overdue' && isFollowupOpen(followup)
      ? 'yes'
      : 'no',
    followup.completedAt ?? '',
    `${appBaseUrl}/incident-followups/incidents/${followup.incidentId}`,
  ].map(cell);
}

/** The team overview, the pages of its lists, and its followups as CSV. */
export function addTeamRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    teams: TeamOverviewService;
    appBaseUrl: string;
    readAccess: ReadAccess;
    answers: AnswerCache;
  },
) {
  const { httpAuth, teams, appBaseUrl, readAccess, answers } = options;

  /** Who asks, and the team and incidents they may read, with the request's query. */
  async function teamQuery<Q>(req: Request, readQuery: () => Q) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { groupRef } = parseRequest(teamParamsSchema, req.params, 'path');
    const query = {
      ...readQuery(),
      teamRef: groupRef.toLowerCase(),
      readable: await readAccess.filter(credentials),
    };
    return { query, credentials };
  }

  router.get('/teams/:groupRef/overview', async (req, res) => {
    const { query, credentials } = await teamQuery(req, () =>
      parseRequest(teamOverviewQuerySchema, req.query, 'query'),
    );
    // The group is looked up as the caller before any kept answer is given.
    const scope = await teams.scopeOf(query, credentials);
    // The query as sent: a period without `until` ends now, whenever it is counted.
    await answers.send(req, res, ['team overview', scope, req.query], () =>
      teams.overviewOf(scope, query),
    );
  });

  router.get('/teams/:groupRef/followups', async (req, res) => {
    const { query, credentials } = await teamQuery(req, () =>
      parseRequest(teamFollowupsQuerySchema, req.query, 'query'),
    );
    res.json(
      await teams.followupPage(query, credentials, answers.counter(req)),
    );
  });

  router.get('/teams/:groupRef/open-postmortems', async (req, res) => {
    const { query, credentials } = await teamQuery(req, () =>
      parseRequest(teamPostmortemsQuerySchema, req.query, 'query'),
    );
    res.json(await teams.openPostmortemPage(query, credentials));
  });

  router.get('/teams/:groupRef/missing-postmortems', async (req, res) => {
    const { query, credentials } = await teamQuery(req, () =>
      parseRequest(teamPostmortemsQuerySchema, req.query, 'query'),
    );
    res.json(await teams.missingPostmortemPage(query, credentials));
  });

  router.get('/teams/:groupRef/followups.csv', async (req, res) => {
    const { query, credentials } = await teamQuery(req, () => ({
      ...parseRequest(teamExportQuerySchema, req.query, 'query'),
      followupLimit: CSV_ROW_LIMIT,
      postmortemLimit: 0,
      weeks: false,
    }));
    const overview = await teams.overview(query, credentials);
    const team = parseEntityRef(overview.teamRef).name;
    res
      .type('text/csv')
      .attachment(`${team}-followups.csv`)
      .set('X-Total-Count', String(overview.followups.totalCount))
      .send(
        stringify([
          CSV_COLUMNS,
          ...overview.followups.items.map(f => csvRow(f, appBaseUrl)),
        ]),
      );
  });
}
