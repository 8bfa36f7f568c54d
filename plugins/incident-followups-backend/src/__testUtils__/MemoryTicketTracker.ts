import {
  createBackendModule,
  BackendFeature,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  NewTicket,
  TicketTracker,
  TicketTrackerError,
  TrackedTicket,
  ticketTrackersExtensionPoint,
} from '@incident-followups/plugin-incident-followups-node';

/**
 * A tracker that keeps its tickets in memory, for the plugin's own tests (the
 * Jira and GitHub modules test theirs against fake servers). `failNext` makes
 * the next call refuse; `beforeCreate` runs inside a create, to interleave.
 */
export class MemoryTicketTracker implements TicketTracker {
  readonly id = 'memory';
  readonly annotation = 'example.com/tracker-project';
  readonly tickets: (NewTicket & TrackedTicket)[] = [];
  private failures: TicketTrackerError[] = [];
  beforeCreate: () => Promise<void> = async () => {};

  destinationOf(entity: Entity) {
    return entity.metadata.annotations?.[this.annotation];
  }

  failNext(message: string, status?: number) {
    this.failures.push(new TicketTrackerError(message, status));
  }

  async createTicket(ticket: NewTicket): Promise<TrackedTicket> {
    this.refuseIfAsked();
    await this.beforeCreate();
    const key = `${ticket.destination}-${this.tickets.length + 1}`;
    const created = {
      ...ticket,
      key,
      url: `https://tracker.example.com/${key}`,
      state: 'open' as const,
    };
    this.tickets.push(created);
    return { key, url: created.url, state: 'open' };
  }

  async findTicket(destination: string, marker: string) {
    this.refuseIfAsked();
    const found = this.tickets.find(
      t => t.destination === destination && t.labels.includes(marker),
    );
    return found && { key: found.key, url: found.url, state: found.state };
  }

  async readTicket(_destination: string, key: string) {
    this.refuseIfAsked();
    const found = this.tickets.find(t => t.key === key);
    if (!found) throw new TicketTrackerError(`No ticket ${key}`, 404);
    return { key: found.key, url: found.url, state: found.state };
  }

  /** The backend module that adds this tracker. */
  module(): BackendFeature {
    return createBackendModule({
      pluginId: 'incident-followups',
      moduleId: 'memory-tracker',
      register: env => {
        env.registerInit({
          deps: { trackers: ticketTrackersExtensionPoint },
          init: async ({ trackers }) => {
            trackers.addTicketTracker(this);
          },
        });
      },
    });
  }

  private refuseIfAsked() {
    const failure = this.failures.shift();
    if (failure) throw failure;
  }
}
