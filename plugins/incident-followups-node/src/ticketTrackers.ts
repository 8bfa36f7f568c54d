import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';

/**
 * Where a ticket goes, as the tracker read it from the owning entity's annotation:
 * a Jira project key, a GitHub `owner/repo`.
 *
 * @public
 */
export type TicketDestination = string;

/**
 * A ticket in a tracker. `key` is what the tracker needs to find it again
 * (`OPS-12`, `42`); `url` is the page people open.
 *
 * @public
 */
export interface TrackedTicket {
  key: string;
  url: string;
  /** Closed means the tracker considers the work finished. */
  state: 'open' | 'closed';
}

/**
 * A ticket to create for an action item.
 *
 * @public
 */
export interface NewTicket {
  destination: TicketDestination;
  title: string;
  description: string;
  /** Severity labels (`sev1`, `sev1_20261124`) and the marker label, in that order. */
  labels: string[];
  /**
   * A label unique to the action item. The tracker must put it on the ticket and
   * find tickets by it, so that a ticket created just before a crash is found
   * instead of created again.
   */
  marker: string;
  /** The owner's user entity, when the owner is a person; the tracker maps it to one of its users if it can. */
  assignee?: Entity;
  /** Pages the description links to. */
  links: { title: string; url: string }[];
}

/**
 * A tracker answered with an error (authentication, missing project, rate limit,
 * unavailable). The message is the tracker's own, for people to read.
 *
 * @public
 */
export class TicketTrackerError extends Error {
  readonly name = 'TicketTrackerError';
  constructor(
    message: string,
    /** The tracker's HTTP status, when it answered at all. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * A ticket tracker (Jira, GitHub Issues...) that action items can become tickets in.
 *
 * @public
 */
export interface TicketTracker {
  /** Short name, shown to people and recorded in the history: `jira`, `github`. */
  readonly id: string;
  /** The entity annotation that names where tickets go, to explain what to add when it is missing. */
  readonly annotation: string;
  /** Where this entity's tickets go, or undefined when the entity does not say. */
  destinationOf(entity: Entity): TicketDestination | undefined;
  /** Creates the ticket; throws {@link TicketTrackerError} when the tracker refuses. */
  createTicket(ticket: NewTicket): Promise<TrackedTicket>;
  /** The ticket that carries this marker label, if one was created already. */
  findTicket(
    destination: TicketDestination,
    marker: string,
  ): Promise<TrackedTicket | undefined>;
  /** The ticket's current state, read from the tracker. */
  readTicket(
    destination: TicketDestination,
    key: string,
  ): Promise<TrackedTicket>;
}

/**
 * Lets backend modules add ticket trackers to the incident-followups plugin.
 *
 * @public
 */
export interface TicketTrackersExtensionPoint {
  addTicketTracker(tracker: TicketTracker): void;
}

/**
 * The extension point for ticket trackers.
 *
 * @public
 */
export const ticketTrackersExtensionPoint =
  createExtensionPoint<TicketTrackersExtensionPoint>({
    id: 'incident-followups.ticket-trackers',
  });
