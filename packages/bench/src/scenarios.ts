import { Knex } from 'knex';
import { incidentComponents } from './history';
import { Organisation } from './organisation';
import { Scale } from './scale';

/** One page load the bench measures, and the catalog lookup it is compared with. */
export interface Scenario {
  name: string;
  path: string;
  /** The catalog's own entity lookup for the same page (kind/namespace/name). */
  catalogPath: string;
  /**
   * The backend keeps the answer until the data changes (an aggregate): also
   * measured counted anew (`Cache-Control: no-cache`), and its SQL captured so.
   */
  kept?: boolean;
}

/** The components, teams and person the scenarios look at, chosen from the history. */
export interface Subjects {
  typicalComponent: string;
  busiestComponent: string;
  busiestIncidents: number;
  typicalIncidents: number;
  leafTeam: string;
  topGroup: string;
  userName: string;
}

function incidentCounts(scale: Scale): Map<number, number> {
  const counts = new Map<number, number>();
  for (const c of incidentComponents(scale)) {
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return counts;
}

/**
 * The busiest component of the dataset, and a typical one: a component with as
 * many incidents in this dataset as the median component (among those with
 * any) has in the largest history, so that the typical service tab shows the
 * same amount of data at every database size.
 */
export function chooseSubjects(
  org: Organisation,
  dataset: Scale,
  largest: Scale,
): Subjects {
  const byCount = (counts: Map<number, number>) =>
    [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const reference = byCount(incidentCounts(largest));
  const typicalCount = reference[Math.floor(reference.length / 2)][1];
  const own = byCount(incidentCounts(dataset));
  const [busiest, busiestIncidents] = own[0];
  const [typical, typicalIncidents] = own.reduce((best, entry) =>
    Math.abs(entry[1] - typicalCount) < Math.abs(best[1] - typicalCount)
      ? entry
      : best,
  );
  const leafTeam = org.components[busiest].owner;
  const chain = org.ancestors.get(leafTeam)!;
  return {
    typicalComponent: org.components[typical].name,
    busiestComponent: org.components[busiest].name,
    busiestIncidents,
    typicalIncidents,
    leafTeam,
    topGroup: chain[chain.length - 1],
    userName: org.members.get(leafTeam)![0],
  };
}

const API = '/api/incident-followups';
const catalog = (kind: string, name: string) =>
  `/api/catalog/entities/by-name/${kind}/default/${name}`;
const team = (group: string, resource: string) =>
  `${API}/teams/${encodeURIComponent(`group:default/${group}`)}/${resource}`;
/** The pages' period: the last 90 days from midnight UTC, ending now (no `until`). */
function periodSince(): string {
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  return new Date(today.getTime() - 90 * 86_400_000).toISOString();
}
/** What the team followups page asks for: the figures, the weeks, the 50 most urgent followups and the first 10 post-mortems of each list. */
const teamOverview = (group: string) =>
  `${team(group, 'overview')}?${new URLSearchParams({
    since: periodSince(),
    followupLimit: '50',
    postmortemLimit: '10',
  })}`;
/** What the card on a group's page asks for: the figures, no list, no weeks. */
const teamCard = (group: string) =>
  `${team(group, 'overview')}?${new URLSearchParams({
    since: periodSince(),
    followupLimit: '0',
    postmortemLimit: '0',
    weeks: 'false',
  })}`;

/**
 * The cursor the team overview gives for the followups after its 50 most
 * urgent, as the page's "Show 50 more" sends it.
 */
async function afterFiftyMostUrgent(
  get: (path: string) => Promise<any>,
  group: string,
): Promise<string> {
  // A team with fewer (the smoke run's): the page after its most urgent one.
  for (const limit of [50, 1]) {
    const overview = await get(
      `${team(group, 'overview')}?followupLimit=${limit}&weeks=false`,
    );
    if (overview.followups.nextCursor) return overview.followups.nextCursor;
  }
  throw new Error(`${group} has no second page of open followups`);
}

/** The page loads, with what the pages ask for (the frontend client's queries). */
export async function scenarios(
  subjects: Subjects,
  db: Knex,
  get: (path: string) => Promise<any>,
): Promise<Scenario[]> {
  const incident = await db('incident_entities')
    .join('incidents', 'incidents.id', 'incident_entities.incident_id')
    .where('entity_ref', `component:default/${subjects.busiestComponent}`)
    .orderBy('incidents.started_at', 'desc')
    .first('incidents.id');
  const review = await db('process_reviews')
    .orderBy('scheduled_for', 'desc')
    .first('id');
  const serviceTab = (component: string) =>
    `${API}/incidents?${new URLSearchParams({
      entityRef: `component:default/${component}`,
      limit: '50',
    })}`;
  return [
    {
      name: 'service tab, typical component',
      path: serviceTab(subjects.typicalComponent),
      catalogPath: catalog('component', subjects.typicalComponent),
    },
    {
      name: 'service tab, busiest component',
      path: serviceTab(subjects.busiestComponent),
      catalogPath: catalog('component', subjects.busiestComponent),
    },
    {
      name: 'incident detail',
      path: `${API}/incidents/${incident.id}`,
      catalogPath: catalog('component', subjects.busiestComponent),
    },
    {
      name: 'team overview, leaf team',
      path: teamOverview(subjects.leafTeam),
      catalogPath: catalog('group', subjects.leafTeam),
      kept: true,
    },
    {
      name: 'team overview, top-level group',
      path: teamOverview(subjects.topGroup),
      catalogPath: catalog('group', subjects.topGroup),
      kept: true,
    },
    {
      name: 'team followups, next page',
      path: `${team(subjects.leafTeam, 'followups')}?${new URLSearchParams({
        limit: '50',
        cursor: await afterFiftyMostUrgent(get, subjects.leafTeam),
      })}`,
      catalogPath: catalog('group', subjects.leafTeam),
    },
    {
      name: 'team card, leaf team',
      path: teamCard(subjects.leafTeam),
      catalogPath: catalog('group', subjects.leafTeam),
      kept: true,
    },
    {
      name: 'team card, top-level group',
      path: teamCard(subjects.topGroup),
      catalogPath: catalog('group', subjects.topGroup),
      kept: true,
    },
    {
      name: 'My followups',
      path: `${API}/followups?${new URLSearchParams({
        assigneeRef: `user:default/${subjects.userName}`,
        status: 'open,in-progress',
        order: 'urgency',
        limit: '50',
      })}`,
      catalogPath: catalog('user', subjects.userName),
    },
    {
      name: 'process review list',
      path: `${API}/process-reviews`,
      catalogPath: catalog('user', subjects.userName),
      kept: true,
    },
    {
      name: 'process review meeting',
      path: `${API}/process-reviews/${review.id}`,
      catalogPath: catalog('user', subjects.userName),
      kept: true,
    },
    {
      name: 'process review agenda, first page',
      path: `${API}/process-reviews/${review.id}/agenda`,
      catalogPath: catalog('user', subjects.userName),
      kept: true,
    },
  ];
}
