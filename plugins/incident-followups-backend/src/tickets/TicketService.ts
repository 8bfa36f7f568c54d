import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Followup,
  FollowupPriority,
  FollowupTicketResult,
} from '@incident-followups/plugin-incident-followups-common';
import {
  TicketTracker,
  TicketTrackerError,
  TrackedTicket,
} from '@incident-followups/plugin-incident-followups-node';
import { IncidentStore } from '../database/IncidentStore';
import { FollowupService } from '../followups/FollowupService';
import { IncidentSignals } from '../service/IncidentSignals';
import {
  severityLabels,
  ticketDescription,
  ticketLinks,
  ticketMarker,
} from './ticketContent';
import { TicketRecord, TicketStore } from './TicketStore';

/** Action items as tickets in the owning team's tracker, and their state followed back. */
export class TicketService {
  constructor(
    private readonly options: {
      trackers: TicketTracker[];
      store: TicketStore;
      incidents: IncidentStore;
      followups: FollowupService;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      appBaseUrl: string;
      /** How long a pending attempt holds the record before another may take over. */
      leaseMs: number;
      /** New action items of these priorities get their ticket as they are added. */
      autoCreatePriorities: FollowupPriority[];
      /** Tells the open pages of an incident that its followups changed. */
      signals: IncidentSignals;
    },
  ) {}

  get enabled(): boolean {
    return this.options.trackers.length > 0;
  }

  /**
   * Creates the action item's ticket once: the record is written before the
   * tracker is called, and an attempt that may have created a ticket (a crash,
   * a timeout) is followed by a search for the marker label, not a second ticket.
   */
  async createTicket(followupId: string): Promise<FollowupTicketResult> {
    const { store, incidents } = this.options;
    const followup = await this.options.followups.get(followupId);
    if (followup.type !== 'action-item') {
      throw new InputError(
        `Followup ${followupId} is a role step; only action items become tickets`,
      );
    }
    const existing = await store.get(followupId);
    if (existing?.state === 'created') return this.linked(existing, false);
    if (followup.ticketUrl && !existing) {
      throw new ConflictError(
        `This action item already links to ${followup.ticketUrl}; clear its ticket link to create a ticket instead`,
      );
    }
    const incident = await incidents.getIncident(followup.incidentId);
    if (!incident) {
      throw new NotFoundError(`No incident with id ${followup.incidentId}`);
    }
    const { tracker, destination, assignee } = await this.destinationOf(
      followup,
      incident.entityRefs,
    );
    const marker = ticketMarker(followupId);
    const claim = await store.claim(
      { followupId, tracker: tracker.id, destination, marker },
      new Date(),
      this.options.leaseMs,
    );
    if (claim.kind === 'linked') return this.linked(claim.record, false);
    if (claim.kind === 'busy') {
      throw new ConflictError(
        'A ticket for this action item is being created right now; reload in a moment to see its link',
      );
    }
    try {
      let ticket: TrackedTicket | undefined;
      // Where the ticket lives: the earlier attempt's tracker when it made one.
      let home = { tracker, destination };
      const previousTracker = this.options.trackers.find(
        t => t.id === claim.previous?.tracker,
      );
      if (claim.previous && previousTracker) {
        ticket = await previousTracker.findTicket(
          claim.previous.destination,
          marker,
        );
        if (ticket) {
          home = {
            tracker: previousTracker,
            destination: claim.previous.destination,
          };
        }
      }
      const created = !ticket;
      if (!ticket) {
        const links = ticketLinks(
          this.options.appBaseUrl,
          incident,
          await store.postmortemExists(incident.id),
        );
        ticket = await tracker.createTicket({
          destination,
          title: followup.title,
          description: ticketDescription(followup, incident, links),
          labels: [...severityLabels(incident), marker],
          marker,
          assignee,
          links,
        });
      }
      const linked = await store.recordCreated(
        followupId,
        claim.attemptId,
        ticket,
        { tracker: home.tracker.id, destination: home.destination },
        new Date(),
      );
      const record = (await store.get(followupId))!;
      if (!linked && record.state !== 'created') {
        throw new ConflictError(
          'Another request took over creating this ticket; reload in a moment to see its link',
        );
      }
      return this.linked(record, created && linked);
    } catch (error) {
      await store.recordFailure(followupId, claim.attemptId, String(error));
      if (error instanceof TicketTrackerError) {
        throw new ServiceUnavailableError(
          `${tracker.id} did not create the ticket${
            error.status ? ` (HTTP ${error.status})` : ''
          }: ${error.message.replace(/\.$/, '')}. Nothing was lost; try again.`,
        );
      }
      throw error;
    }
  }

  /**
   * Gives a new action item its ticket when its priority asks for one. A tracker
   * that refuses leaves the item as it is, for the button to try again.
   */
  async createAutomatically(followup: Followup): Promise<Followup> {
    if (
      !this.enabled ||
      !followup.priority ||
      !this.options.autoCreatePriorities.includes(followup.priority)
    ) {
      return followup;
    }
    try {
      return (await this.createTicket(followup.id)).followup;
    } catch (error) {
      this.options.logger.warn(
        `No ticket for new action item ${followup.id}: ${error}`,
      );
      return followup;
    }
  }

  /**
   * Gives their ticket to the action items of the configured priorities that
   * were added in the last day without one, however they were added.
   */
  async createMissing(now: Date = new Date(), limit = 100): Promise<number> {
    if (!this.enabled) return 0;
    const ids = await this.options.store.listWithoutTicket(
      this.options.autoCreatePriorities,
      new Date(now.getTime() - 24 * 3_600_000),
      limit,
    );
    let created = 0;
    for (const id of ids) {
      const followup = await this.createAutomatically(
        await this.options.followups.get(id),
      );
      if (followup.ticketUrl) created += 1;
    }
    return created;
  }

  /**
   * Reads the linked tickets' state and moves their action items along: closed
   * marks done, reopened marks open.
   */
  async syncStatuses(
    limit = 500,
  ): Promise<{ checked: number; changed: number }> {
    let checked = 0;
    let changed = 0;
    for (const record of await this.options.store.listLinked(limit)) {
      const tracker = this.options.trackers.find(t => t.id === record.tracker);
      if (!tracker || !record.ticketKey) continue;
      try {
        const ticket = await tracker.readTicket(
          record.destination,
          record.ticketKey,
        );
        checked += 1;
        const change = await this.options.store.applyTicketState(
          record.followupId,
          ticket,
          `ticket-tracker:${tracker.id}`,
          new Date(),
        );
        if (change) {
          changed += 1;
          await this.options.signals.changed(change.incidentId, 'followups');
        }
      } catch (error) {
        this.options.logger.warn(
          `Could not read ticket ${record.ticketKey} from ${tracker.id}: ${error}`,
        );
      }
    }
    return { checked, changed };
  }

  private async linked(
    record: TicketRecord,
    created: boolean,
  ): Promise<FollowupTicketResult> {
    return {
      followup: await this.options.followups.get(record.followupId),
      ticket: {
        tracker: record.tracker,
        key: record.ticketKey!,
        url: record.ticketUrl!,
        state: record.ticketState ?? 'open',
      },
      created,
    };
  }

  /**
   * Where the action item's ticket goes: the first of its owner, the affected
   * entities its owner owns, and the other affected entities, that a tracker
   * finds an annotation on.
   */
  private async destinationOf(
    followup: Followup,
    entityRefs: string[],
  ): Promise<{
    tracker: TicketTracker;
    destination: string;
    assignee?: Entity;
  }> {
    const { trackers, catalog } = this.options;
    if (trackers.length === 0) {
      throw new ConflictError(
        'No ticket tracker is set up: configure incidentFollowups.jira, or integrations.github with a token, and add the Jira or GitHub module of incident-followups to the backend',
      );
    }
    const refs = [
      ...(followup.ownerRef ? [followup.ownerRef] : []),
      ...entityRefs,
    ];
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs },
      // The catalog is read as the plugin: whoever may edit the item may ticket it.
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    const owner = followup.ownerRef ? items[0] : undefined;
    const affected = items
      .slice(followup.ownerRef ? 1 : 0)
      .filter((e): e is Entity => Boolean(e));
    const ownedFirst = [
      ...(owner ? [owner] : []),
      ...affected.filter(e => this.sameRef(e, followup.ownerRef)),
      ...affected.filter(e => !this.sameRef(e, followup.ownerRef)),
    ];
    for (const entity of ownedFirst) {
      for (const tracker of trackers) {
        const destination = tracker.destinationOf(entity);
        if (destination) {
          const assignee =
            owner?.kind.toLowerCase() === 'user' ? owner : undefined;
          return { tracker, destination, assignee };
        }
      }
    }
    const annotations = trackers.map(t => t.annotation).join(' or ');
    const where = followup.ownerRef ?? refs.join(', ');
    throw new ConflictError(
      `No ticket tracker knows where this action item's ticket goes: add the ${annotations} annotation to ${where}${
        followup.ownerRef && entityRefs.length > 0
          ? ` or to an affected entity it owns (${entityRefs.join(', ')})`
          : ''
      }`,
    );
  }

  private sameRef(entity: Entity, ownerRef: string | null): boolean {
    if (!ownerRef || typeof entity.spec?.owner !== 'string') return false;
    const owner = parseEntityRef(entity.spec.owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
    const wanted = parseEntityRef(ownerRef);
    return (
      owner.kind.toLowerCase() === wanted.kind.toLowerCase() &&
      owner.namespace === wanted.namespace &&
      owner.name === wanted.name
    );
  }
}
