import { SourceIncidentEvent } from '@incident-followups/plugin-incident-followups-node';
import { Knex } from 'knex';

/** A mapped service of an incident source and how its last sync went. */
export interface SourceServiceStatus {
  sourceType: string;
  serviceId: string;
  /** Incidents created before this time have been imported. */
  cursorAt: string | null;
  lastAttemptAt: string | null;
  lastSyncedAt: string | null;
  lastError: string | null;
  importedCount: number;
}

interface SourceServiceRow {
  source_type: string;
  service_id: string;
  cursor_at: Date | string | null;
  last_attempt_at: Date | string | null;
  last_synced_at: Date | string | null;
  last_error: string | null;
  imported_count: number | string;
}

const SOURCE_EVENT_FIELD = 'sourceEvent';

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function toStatus(row: SourceServiceRow): SourceServiceStatus {
  return {
    sourceType: row.source_type,
    serviceId: row.service_id,
    cursorAt: iso(row.cursor_at),
    lastAttemptAt: iso(row.last_attempt_at),
    lastSyncedAt: iso(row.last_synced_at),
    lastError: row.last_error,
    importedCount: Number(row.imported_count),
  };
}

/** Cursors and status of the source syncs, and what they add to incidents. */
export class SourceSyncStore {
  constructor(private readonly db: Knex) {}

  async getService(
    sourceType: string,
    serviceId: string,
  ): Promise<SourceServiceStatus | undefined> {
    const row = await this.db<SourceServiceRow>('incident_source_services')
      .where({ source_type: sourceType, service_id: serviceId })
      .first();
    return row ? toStatus(row) : undefined;
  }

  async listServices(sourceType?: string): Promise<SourceServiceStatus[]> {
    const query = this.db<SourceServiceRow>('incident_source_services').orderBy(
      ['source_type', 'service_id'],
    );
    if (sourceType) query.where({ source_type: sourceType });
    return (await query).map(toStatus);
  }

  async recordAttempt(
    sourceType: string,
    serviceId: string,
    at: Date,
  ): Promise<void> {
    await this.db('incident_source_services')
      .insert({
        source_type: sourceType,
        service_id: serviceId,
        last_attempt_at: at,
        imported_count: 0,
      })
      .onConflict(['source_type', 'service_id'])
      .merge(['last_attempt_at']);
  }

  /** Moves the cursor forward (never back) and clears the error. */
  async recordSuccess(
    sourceType: string,
    serviceId: string,
    options: { cursorAt: Date; syncedAt: Date; imported: number },
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const row = await tx<SourceServiceRow>('incident_source_services')
        .where({ source_type: sourceType, service_id: serviceId })
        .first();
      const current = row?.cursor_at ? new Date(row.cursor_at) : undefined;
      await tx('incident_source_services')
        .where({ source_type: sourceType, service_id: serviceId })
        .update({
          cursor_at:
            current && current > options.cursorAt ? current : options.cursorAt,
          last_synced_at: options.syncedAt,
          last_error: null,
          imported_count: tx.raw('imported_count + ?', [options.imported]),
        });
    });
  }

  async recordFailure(
    sourceType: string,
    serviceId: string,
    error: string,
  ): Promise<void> {
    await this.db('incident_source_services')
      .where({ source_type: sourceType, service_id: serviceId })
      .update({ last_error: error.slice(0, 2000) });
  }

  /** The portal's id of an imported incident. */
  async findIncidentId(
    sourceType: string,
    externalId: string,
  ): Promise<string | undefined> {
    const row = await this.db('incidents')
      .where({ source_type: sourceType, source_external_id: externalId })
      .first('id');
    return row?.id;
  }

  /** The source ids of imported incidents that are not resolved in the portal. */
  async listOpenExternalIds(sourceType: string): Promise<string[]> {
    const rows = await this.db('incidents')
      .where({ source_type: sourceType })
      .whereNot({ status: 'resolved' })
      .whereNotNull('source_external_id')
      .orderBy('source_external_id')
      .select('source_external_id');
    return rows.map(row => row.source_external_id);
  }

  /** Adds the source's events to the incident's history; returns how many were new. */
  async addEvents(
    incidentId: string,
    actorRef: string,
    events: SourceIncidentEvent[],
  ): Promise<number> {
    if (events.length === 0) return 0;
    const known = new Set(
      (
        await this.db('incident_history')
          .where({ incident_id: incidentId })
          .whereIn(
            'source_event_id',
            events.map(e => e.externalId),
          )
          .select('source_event_id')
      ).map(row => row.source_event_id),
    );
    const fresh = events.filter(e => !known.has(e.externalId));
    if (fresh.length === 0) return 0;
    // A concurrent sync may have added some since the read: the unique key keeps one.
    for (let i = 0; i < fresh.length; i += 100) {
      await this.db('incident_history')
        .insert(
          fresh.slice(i, i + 100).map(event => ({
            incident_id: incidentId,
            changed_at: new Date(event.at),
            actor_ref: actorRef,
            field: SOURCE_EVENT_FIELD,
            from_value: null,
            to_value: JSON.stringify(event.summary),
            source_event_id: event.externalId,
          })),
        )
        .onConflict(['incident_id', 'source_event_id'])
        .ignore();
    }
    return fresh.length;
  }

  /** Records in the incident's history a change the portal made in the source. */
  async recordAction(
    incidentId: string,
    actorRef: string,
    action: Record<string, unknown>,
  ): Promise<void> {
    await this.db('incident_history').insert({
      incident_id: incidentId,
      changed_at: new Date(),
      actor_ref: actorRef,
      field: 'sourceAction',
      from_value: null,
      to_value: JSON.stringify(action),
    });
  }
}
