import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  CreateIncidentRequest,
  Incident,
  IncidentStatus,
  Page,
  Severity,
} from '@incident-followups/plugin-incident-followups-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { IncidentListQuery, IncidentStore } from './IncidentStore';
import { decodeCursor, encodeCursor } from './cursor';
import { IncidentEntityRow, IncidentRow, toIsoString } from './tables';

const migrationsDir = resolvePackagePath(
  '@incident-followups/plugin-incident-followups-backend',
  'migrations',
);

/** Stores incidents with knex on SQLite, PostgreSQL or MySQL. */
export class DatabaseIncidentStore implements IncidentStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseIncidentStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseIncidentStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async createIncident(
    request: CreateIncidentRequest,
    options?: { id?: string },
  ): Promise<Incident> {
    const id = options?.id ?? randomUUID();
    const now = new Date();
    await this.db.transaction(async tx => {
      if (options?.id && (await tx('incidents').where({ id }).first())) {
        return;
      }
      // The conflict clauses keep two concurrent creations of one given id to one row.
      await tx('incidents')
        .insert({
          id,
          title: request.title,
          description: request.description,
          severity: request.severity,
          status: request.status,
          started_at: new Date(request.startedAt),
          resolved_at: request.resolvedAt ? new Date(request.resolvedAt) : null,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .onConflict('id')
        .ignore();
      await tx('incident_entities')
        .insert(
          [...new Set(request.entityRefs)].map(entity_ref => ({
            incident_id: id,
            entity_ref,
          })),
        )
        .onConflict(['incident_id', 'entity_ref'])
        .ignore();
    });
    const incident = await this.getIncident(id);
    if (!incident) {
      throw new Error(`Incident ${id} was not found right after it was stored`);
    }
    return incident;
  }

  async getIncident(id: string): Promise<Incident | undefined> {
    const row = await this.db<IncidentRow>('incidents').where({ id }).first();
    if (!row) {
      return undefined;
    }
    const [incident] = await this.withEntityRefs([row]);
    return incident;
  }

  async listIncidents(query: IncidentListQuery): Promise<Page<Incident>> {
    const filtered = this.db<IncidentRow>('incidents');
    if (query.entityRef) {
      filtered.whereIn(
        'incidents.id',
        this.db<IncidentEntityRow>('incident_entities')
          .select('incident_id')
          .where({ entity_ref: query.entityRef }),
      );
    }

    const [{ count }] = await filtered.clone().count({ count: '*' });
    const page = filtered.clone().select('incidents.*');
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      const startedAt = new Date(after.startedAt);
      page.where(q =>
        q
          .where('started_at', '<', startedAt)
          .orWhere(q2 =>
            q2
              .where('started_at', '=', startedAt)
              .andWhere('id', '<', after.id),
          ),
      );
    }
    const rows = await page
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit + 1);

    const items = await this.withEntityRefs(rows.slice(0, query.limit));
    const last = items[items.length - 1];
    return {
      items,
      totalCount: Number(count),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ startedAt: last.startedAt, id: last.id })
          : null,
    };
  }

  private async withEntityRefs(rows: IncidentRow[]): Promise<Incident[]> {
    if (rows.length === 0) {
      return [];
    }
    const links = await this.db<IncidentEntityRow>('incident_entities')
      .whereIn(
        'incident_id',
        rows.map(row => row.id),
      )
      .orderBy('entity_ref');
    const refsById = new Map<string, string[]>();
    for (const link of links) {
      const refs = refsById.get(link.incident_id) ?? [];
      refs.push(link.entity_ref);
      refsById.set(link.incident_id, refs);
    }
    return rows.map(row => ({
      id: row.id,
      title: row.title,
      description: row.description,
      severity: row.severity as Severity,
      status: row.status as IncidentStatus,
      startedAt: toIsoString(row.started_at),
      resolvedAt:
        row.resolved_at === null ? null : toIsoString(row.resolved_at),
      entityRefs: refsById.get(row.id) ?? [],
      createdAt: toIsoString(row.created_at),
      updatedAt: toIsoString(row.updated_at),
      version: row.version,
    }));
  }
}
