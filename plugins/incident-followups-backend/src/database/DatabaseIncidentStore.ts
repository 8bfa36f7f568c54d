import { withPageReadSettings } from './pageReadSessions';
import { readPlannedOnce, withPreparedStatements } from './plannedOnce';
import { whereReadable } from './incidentReadFilter';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  CreateIncidentRequest,
  Incident,
  IncidentChange,
  IncidentDetail,
  Page,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  countAtOnce,
  countRows,
  ListCounter,
  listTotal,
  readPage,
} from './cursor';
import { groupIncidents, ungroupIncident } from './grouping';
import {
  IncidentListQuery,
  IncidentStore,
  Ownership,
  ResolvedHook,
} from './IncidentStore';
import { migrateToLatest } from './migrateToLatest';
import { readIncidents, readIncidentWithGroups } from './readIncidents';
import {
  IncidentHistoryRow,
  IncidentOwnerRow,
  IncidentRow,
  toDateOrNull,
  toIsoString,
} from './tables';
import { writeHistory } from './writeHistory';
import { writeOwnership } from './writeOwnership';

async function readIncident(
  tx: Knex.Transaction,
  id: string,
): Promise<Incident> {
  const row = await tx<IncidentRow>('incidents').where({ id }).first();
  return (await readIncidents(tx, [row!]))[0];
}

const migrationsDir = resolvePackagePath(
  '@incident-followups/plugin-incident-followups-backend',
  'migrations',
);

// `started_at` is not among them: it is set once, and `incident_entities`
// keeps a copy of it for the service tabs.
const COLUMNS: Record<string, string> = {
  title: 'title',
  description: 'description',
  severity: 'severity',
  finalSeverity: 'final_severity',
  status: 'status',
  acknowledgedAt: 'acknowledged_at',
  resolvedAt: 'resolved_at',
};

/** Stores incidents with knex on SQLite, PostgreSQL or MySQL. */
export class DatabaseIncidentStore implements IncidentStore {
  static async create(options: {
    database: DatabaseService;
    /** Frequent reads as prepared statements (PostgreSQL); default true. */
    preparedStatements?: boolean;
  }): Promise<DatabaseIncidentStore> {
    const client = withPreparedStatements(
      withPageReadSettings(await options.database.getClient()),
      options.preparedStatements ?? true,
    );
    if (!options.database.migrations?.skip) {
      await migrateToLatest(client, migrationsDir);
    }
    return new DatabaseIncidentStore(client);
  }

  private constructor(readonly db: Knex) {}

  async createIncident(
    request: CreateIncidentRequest,
    options: {
      id?: string;
      ownership: Ownership;
      actorRef: string;
      onResolved?: ResolvedHook;
    },
  ): Promise<{ incident: Incident; created: boolean }> {
    const existing = await this.findExisting(request, options.id);
    if (existing) {
      return { incident: existing, created: false };
    }
    const id = options.id ?? randomUUID();
    const now = new Date();
    try {
      await this.db.transaction(async tx => {
        await tx('incidents').insert({
          id,
          title: request.title,
          description: request.description,
          severity: request.severity,
          final_severity: request.finalSeverity,
          status: request.status,
          started_at: new Date(request.startedAt),
          acknowledged_at: toDateOrNull(request.acknowledgedAt),
          resolved_at: toDateOrNull(request.resolvedAt),
          source_type: request.source.type,
          source_external_id: request.source.externalId,
          source_url: request.source.url,
          primary_incident_id: null,
          owners_stale: options.ownership.stale,
          created_at: now,
          updated_at: now,
          version: 1,
        });
        await tx('incident_entities').insert(
          request.entityRefs.map(entity_ref => ({
            incident_id: id,
            entity_ref,
            direct: true,
            started_at: new Date(request.startedAt),
          })),
        );
        if (request.responders.length > 0) {
          await tx('incident_responders').insert(
            request.responders.map(r => ({
              incident_id: id,
              role: r.role,
              user_ref: r.userRef,
            })),
          );
        }
        await writeOwnership(tx, id, options.ownership);
        await writeHistory(tx, id, options.actorRef, now, [
          {
            field: 'created',
            from: null,
            to: { severity: request.severity, status: request.status },
          },
          ...(request.status === 'resolved'
            ? [
                {
                  field: 'ownersAtResolution',
                  from: null,
                  to: options.ownership.ownerRefs,
                },
              ]
            : []),
        ]);
        if (request.status === 'resolved' && options.onResolved) {
          await options.onResolved(tx, await readIncident(tx, id));
        }
      });
    } catch (error) {
      // A concurrent creation of the same id or source id won the race: answer with it.
      const winner = await this.findExisting(request, options.id);
      if (winner) {
        return { incident: winner, created: false };
      }
      throw error;
    }
    return { incident: (await this.getIncident(id))!, created: true };
  }

  private async findExisting(
    request: CreateIncidentRequest,
    id: string | undefined,
  ): Promise<Incident | undefined> {
    if (id) {
      const byId = await this.getIncident(id);
      if (byId) return byId;
    }
    if (request.source.externalId) {
      const row = await this.db<IncidentRow>('incidents')
        .where({
          source_type: request.source.type,
          source_external_id: request.source.externalId,
        })
        .first();
      if (row) return (await readIncidents(this.db, [row]))[0];
    }
    return undefined;
  }

  private async incidentRow(id: string): Promise<IncidentRow | undefined> {
    const [row] = await readPlannedOnce<IncidentRow>(
      this.db,
      this.db('incidents').where({ id }).limit(1),
    );
    return row;
  }

  async getIncident(id: string): Promise<Incident | undefined> {
    const row = await this.incidentRow(id);
    return row ? (await readIncidents(this.db, [row]))[0] : undefined;
  }

  async getIncidentDetail(id: string): Promise<IncidentDetail | undefined> {
    const row = await this.incidentRow(id);
    if (!row) {
      return undefined;
    }
    const [{ incident, owningGroupRefs }, relatedRows, historyRows, primary] =
      await Promise.all([
        readIncidentWithGroups(this.db, row),
        readPlannedOnce<IncidentRow>(
          this.db,
          this.db('incidents')
            .where({ primary_incident_id: id })
            .orderBy([
              { column: 'started_at', order: 'desc' },
              { column: 'id', order: 'desc' },
            ]),
        ),
        readPlannedOnce<IncidentHistoryRow>(
          this.db,
          this.db('incident_history').where({ incident_id: id }).orderBy('id'),
        ),
        row.primary_incident_id
          ? this.getIncident(row.primary_incident_id)
          : undefined,
      ]);
    return {
      ...incident,
      owningGroupRefs,
      primaryIncident: primary ?? null,
      relatedIncidents: await readIncidents(this.db, relatedRows),
      history: historyRows.map(
        (change): IncidentChange => ({
          at: toIsoString(change.changed_at),
          actorRef: change.actor_ref,
          field: change.field,
          from:
            change.from_value === null ? null : JSON.parse(change.from_value),
          to: change.to_value === null ? null : JSON.parse(change.to_value),
        }),
      ),
    };
  }

  async listIncidents(
    query: IncidentListQuery,
    counter: ListCounter = countAtOnce,
  ): Promise<Page<Incident>> {
    const filtered = this.db<IncidentRow>('incidents');
    // A service tab reads its page from the entity's own index of starts.
    const started = query.entityRef
      ? 'listed.started_at'
      : 'incidents.started_at';
    const idColumn = query.entityRef ? 'listed.incident_id' : 'incidents.id';
    if (query.entityRef) {
      filtered.join('incident_entities as listed', join =>
        join
          .on('listed.incident_id', 'incidents.id')
          .andOnVal('listed.entity_ref', query.entityRef!),
      );
    }
    if (query.ownerRef) {
      filtered.whereIn(
        'incidents.id',
        this.db('incident_owners')
          .select('incident_id')
          .where({ owner_ref: query.ownerRef }),
      );
    }
    if (query.statuses?.length) {
      filtered.whereIn('incidents.status', query.statuses);
    }
    if (query.severities?.length) {
      filtered.whereIn(
        this.db.raw(
          'coalesce(incidents.final_severity, incidents.severity)',
        ) as any,
        query.severities,
      );
    }
    if (query.since) {
      filtered.where(started, '>=', new Date(query.since));
    }
    if (query.until) {
      filtered.where(started, '<', new Date(query.until));
    }
    if (!query.includeGrouped) {
      filtered.whereNull('incidents.primary_incident_id');
    }
    whereReadable(this.db, filtered, query.readable, 'incidents.id');

    const page = await readPage<IncidentRow>(
      filtered.clone().select('incidents.*'),
      {
        timeColumn: started,
        idColumn,
        order: 'desc',
        limit: query.limit,
        cursor: query.cursor,
        position: row => ({ at: toIsoString(row.started_at), id: row.id }),
        read: statement => readPlannedOnce(this.db, statement),
      },
    );
    return {
      items: await readIncidents(this.db, page.rows),
      totalCount: await listTotal(page, query.cursor, () => {
        const { cursor: _cursor, limit: _limit, ...list } = query;
        return counter(['incidents', list], () =>
          this.countListed(query, filtered),
        );
      }),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * How many incidents a list holds. A service tab's (one entity, no other
   * filter) is counted from the entity's index alone, leaving out the few
   * grouped under another: counted through a join, PostgreSQL reads every
   * incident once a busy service has thousands.
   */
  private async countListed(
    query: IncidentListQuery,
    filtered: Knex.QueryBuilder,
  ): Promise<number> {
    const entityOnly =
      query.entityRef &&
      !query.ownerRef &&
      !query.statuses?.length &&
      !query.severities?.length &&
      !query.since &&
      !query.until &&
      (!query.readable || query.readable.kind === 'all');
    return countRows(
      entityOnly
        ? this.db('incident_entities')
            .where('incident_entities.entity_ref', query.entityRef!)
            .modify(q => {
              if (!query.includeGrouped) {
                q.whereNotExists(
                  this.db('incidents as grouped')
                    .select(this.db.raw('1'))
                    .whereRaw('grouped.id = incident_entities.incident_id')
                    .whereNotNull('grouped.primary_incident_id'),
                );
              }
            })
        : filtered,
    );
  }

  async updateIncident(
    id: string,
    options: Parameters<IncidentStore['updateIncident']>[1],
  ): Promise<Incident> {
    await this.db.transaction(async tx => {
      const row = await tx<IncidentRow>('incidents').where({ id }).first();
      if (!row) {
        throw new NotFoundError(`No incident with id ${id}`);
      }
      const [current] = await readIncidents(tx, [row]);
      if (current.version !== options.version) {
        throw new ConflictError(
          `Incident ${id} was changed by someone else since version ${options.version} (it is at version ${current.version}); reload it and try again`,
        );
      }
      const { changes, history } = options.plan(current);
      if (history.length === 0) {
        return;
      }
      const now = new Date();
      const update: Record<string, unknown> = {
        updated_at: now,
        version: current.version + 1,
      };
      for (const [field, value] of Object.entries(changes)) {
        const column = COLUMNS[field];
        if (column) {
          update[column] = column.endsWith('_at')
            ? toDateOrNull(value as string | null)
            : value;
        }
      }
      const updated = await tx('incidents')
        .where({ id, version: current.version })
        .update(update);
      if (updated !== 1) {
        throw new ConflictError(
          `Incident ${id} was changed by someone else meanwhile; reload it and try again`,
        );
      }
      if (changes.responders) {
        await tx('incident_responders').where({ incident_id: id }).delete();
        if (changes.responders.length > 0) {
          await tx('incident_responders').insert(
            changes.responders.map(r => ({
              incident_id: id,
              role: r.role,
              user_ref: r.userRef,
            })),
          );
        }
      }
      const resolvedNow = changes.status === 'resolved';
      await writeHistory(tx, id, options.actorRef, now, [
        ...history,
        ...(resolvedNow
          ? [{ field: 'ownersAtResolution', from: null, to: current.ownerRefs }]
          : []),
      ]);
      if (resolvedNow && options.onResolved) {
        await options.onResolved(tx, await readIncident(tx, id));
      }
    });
    return (await this.getIncident(id))!;
  }

  async groupIncidents(
    primaryId: string,
    childIds: string[],
    actorRef: string,
  ) {
    await this.db.transaction(tx =>
      groupIncidents(tx, primaryId, childIds, actorRef),
    );
  }

  async ungroupIncident(primaryId: string, childId: string, actorRef: string) {
    await this.db.transaction(tx =>
      ungroupIncident(tx, primaryId, childId, actorRef),
    );
  }

  async listIncidentsToRefresh(options: { limit: number; afterId?: string }) {
    const query = this.db<IncidentRow>('incidents')
      .where(q =>
        q.whereNot('status', 'resolved').orWhere('owners_stale', true),
      )
      .orderBy('id')
      .limit(options.limit)
      .select('id');
    if (options.afterId) {
      query.where('id', '>', options.afterId);
    }
    const rows = await query;
    const ids = rows.map(r => r.id);
    const entities = ids.length
      ? await this.db('incident_entities')
          .whereIn('incident_id', ids)
          .where('direct', true)
          .select('incident_id', 'entity_ref')
      : [];
    return ids.map(id => ({
      id,
      entityRefs: entities
        .filter(e => e.incident_id === id)
        .map(e => e.entity_ref as string),
    }));
  }

  async replaceOwnership(id: string, ownership: Ownership, actorRef: string) {
    return this.db.transaction(async tx => {
      const before = (
        await tx<IncidentOwnerRow>('incident_owners')
          .where({ incident_id: id, direct: true })
          .orderBy('owner_ref')
      ).map(o => o.owner_ref);
      await writeOwnership(tx, id, ownership);
      await tx('incidents')
        .where({ id })
        .whereNot({ owners_stale: ownership.stale })
        .update({ owners_stale: ownership.stale });
      const after = [...ownership.ownerRefs].sort();
      const changed = before.join(',') !== after.join(',');
      if (changed) {
        await writeHistory(tx, id, actorRef, new Date(), [
          { field: 'owners', from: before, to: after },
        ]);
      }
      return changed;
    });
  }
}
