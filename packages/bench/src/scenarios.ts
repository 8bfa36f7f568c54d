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

/**
 * The busiest component, and a typical one (the median by incident count among
 * those with any), from the largest history of the organisation, so that every
 * dataset looks at the same component.
 */
export function chooseSubjects(org: Organisation, largest: Scale): Subjects {
  const counts = new Map<number, number>();
  for (const c of incidentComponents(largest)) {
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const byCount = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const [busiest, busiestIncidents] = byCount[0];
  const [typical, typicalIncidents] = byCount[Math.floor(byCount.length / 2)];
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
const teamOverview = (group: string) =>
  `${API}/teams/${encodeURIComponent(`group:default/${group}`)}/overview`;

/** The page loads, with what the pages ask for (the frontend client's queries). */
export async function scenarios(
  subjects: Subjects,
  db: Knex,
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
    },
    {
      name: 'team overview, top-level group',
      path: teamOverview(subjects.topGroup),
      catalogPath: catalog('group', subjects.topGroup),
    },
    {
      name: 'My followups',
      path: `${API}/followups?${new URLSearchParams({
        assigneeRef: `user:default/${subjects.userName}`,
        status: 'open,in-progress',
        limit: '500',
      })}`,
      catalogPath: catalog('user', subjects.userName),
    },
    {
      name: 'process review list',
      path: `${API}/process-reviews`,
      catalogPath: catalog('user', subjects.userName),
    },
    {
      name: 'process review agenda',
      path: `${API}/process-reviews/${review.id}`,
      catalogPath: catalog('user', subjects.userName),
    },
  ];
}
