import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { Knex } from 'knex';

/** One condition of a permission policy, as the incident rules turn it into a query. */
export type IncidentQuery = {
  relation:
    | 'IS_RESPONDER'
    | 'IS_INCIDENT_COMMANDER'
    | 'IS_OWNING_TEAM_MEMBER'
    | 'IS_REPORTER'
    | 'IS_POSTMORTEM_OWNER';
  refs: string[];
};

/** Which incidents a user may read: all, none, or those the policy's conditions pick. */
export type IncidentReadFilter =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'conditional'; criteria: PermissionCriteria<IncidentQuery> };

function incidentsRelatedTo(db: Knex, query: IncidentQuery) {
  switch (query.relation) {
    case 'IS_RESPONDER':
      return db('incident_responders')
        .select('incident_id')
        .whereIn('user_ref', query.refs);
    case 'IS_INCIDENT_COMMANDER':
      return db('incident_responders')
        .select('incident_id')
        .where('role', 'incident-commander')
        .whereIn('user_ref', query.refs);
    case 'IS_OWNING_TEAM_MEMBER':
      return db('incident_owners')
        .select('incident_id')
        .whereIn('owner_ref', query.refs);
    case 'IS_REPORTER':
      return db('incident_history')
        .select('incident_id')
        .where('field', 'created')
        .whereIn('actor_ref', query.refs);
    case 'IS_POSTMORTEM_OWNER':
      return db('postmortems')
        .select('incident_id')
        .whereIn('owner_ref', query.refs);
    default:
      throw new Error(
        `Unknown incident permission condition ${
          (query as IncidentQuery).relation
        }`,
      );
  }
}

function applyCriteria(
  db: Knex,
  builder: Knex.QueryBuilder,
  criteria: PermissionCriteria<IncidentQuery>,
  incidentIdColumn: string,
) {
  if (isAndCriteria(criteria)) {
    builder.where(all => {
      for (const part of criteria.allOf) {
        all.andWhere(q => applyCriteria(db, q, part, incidentIdColumn));
      }
    });
  } else if (isOrCriteria(criteria)) {
    builder.where(any => {
      for (const part of criteria.anyOf) {
        any.orWhere(q => applyCriteria(db, q, part, incidentIdColumn));
      }
    });
  } else if (isNotCriteria(criteria)) {
    builder.whereNot(q => applyCriteria(db, q, criteria.not, incidentIdColumn));
  } else {
    builder.whereIn(incidentIdColumn, incidentsRelatedTo(db, criteria));
  }
}

/**
 * Keeps, in SQL, the rows whose incident (`incidentIdColumn`) the user may read,
 * so paging and counts see only those.
 */
export function whereReadable(
  db: Knex,
  builder: Knex.QueryBuilder,
  filter: IncidentReadFilter | undefined,
  incidentIdColumn: string,
) {
  if (!filter || filter.kind === 'all') return builder;
  if (filter.kind === 'none') return builder.whereRaw('1 = 0');
  applyCriteria(db, builder, filter.criteria, incidentIdColumn);
  return builder;
}
