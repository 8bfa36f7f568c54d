import { IncidentReadFilter } from './incidentReadFilter';
import { ListCounter } from './cursor';
import {
  CreateIncidentRequest,
  Incident,
  IncidentDetail,
  IncidentFields,
  IncidentStatus,
  Page,
  Severity,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';

/** The catalog's answer about an incident's entities: who owns them, and where they belong. */
export interface Ownership {
  /** Entities reached through the affected ones, such as a component's system. */
  indirectEntityRefs: string[];
  /** The owners (`spec.owner`) of the affected entities. */
  ownerRefs: string[];
  /** The owners' parent groups, up the hierarchy. */
  ancestorGroupRefs: string[];
  /** True when the catalog could not be asked; the stored owners are kept as they were. */
  stale: boolean;
}

/** Filters and paging for listing incidents. */
export interface IncidentListQuery {
  entityRef?: string;
  /** A team: incidents owned by it or by any of its child groups. */
  ownerRef?: string;
  statuses?: IncidentStatus[];
  severities?: Severity[];
  since?: string;
  until?: string;
  /** Include incidents grouped under a primary one (left out by default). */
  includeGrouped?: boolean;
  /** Only the incidents the caller may read; all when absent. */
  readable?: IncidentReadFilter;
  limit: number;
  cursor?: string;
}

/**
 * Runs in the transaction that resolves an incident, so that what resolution
 * brings (the role followups) is stored with it or not at all.
 */
export type ResolvedHook = (
  tx: Knex.Transaction,
  incident: Incident,
) => Promise<void>;

/** The one place that reads and writes incidents. */
export interface IncidentStore {
  /**
   * Stores a new incident. With an `id` (or a source id) that exists already, returns
   * the stored one unchanged and `created: false`.
   */
  createIncident(
    request: CreateIncidentRequest,
    options: {
      id?: string;
      ownership: Ownership;
      actorRef: string;
      onResolved?: ResolvedHook;
    },
  ): Promise<{ incident: Incident; created: boolean }>;
  getIncident(id: string): Promise<Incident | undefined>;
  getIncidentDetail(id: string): Promise<IncidentDetail | undefined>;
  /** A page of incidents; `counter` counts the list when the page cannot. */
  listIncidents(
    query: IncidentListQuery,
    counter?: ListCounter,
  ): Promise<Page<Incident>>;
  /**
   * Applies a change planned from the incident as it was at `version`, in one
   * transaction; a newer version in the database gets a ConflictError.
   */
  updateIncident(
    id: string,
    options: {
      version: number;
      plan: (current: Incident) => {
        changes: Partial<IncidentFields>;
        history: { field: string; from: unknown; to: unknown }[];
      };
      actorRef: string;
      onResolved?: ResolvedHook;
    },
  ): Promise<Incident>;
  groupIncidents(
    primaryId: string,
    childIds: string[],
    actorRef: string,
  ): Promise<void>;
  ungroupIncident(
    primaryId: string,
    childId: string,
    actorRef: string,
  ): Promise<void>;
  /** Incidents whose owners are kept fresh: open ones, and those whose owners are stale. */
  listIncidentsToRefresh(options: {
    limit: number;
    afterId?: string;
  }): Promise<{ id: string; entityRefs: string[] }[]>;
  /** Replaces the owners and indirect entities; returns whether the owners changed. */
  replaceOwnership(
    id: string,
    ownership: Ownership,
    actorRef: string,
  ): Promise<boolean>;
}
