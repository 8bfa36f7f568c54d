import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Settings of the incident-followups plugins. */
  incidentFollowups?: {
    /**
     * The largest request body the plugin's API reads, as bytes or a size such as
     * `512kb` or `1mb`; larger bodies get 413. Default 256kb. Chat transcript
     * imports have their own limit of 1 MiB of text.
     */
    requestBodyLimit?: string | number;
    /**
     * The answers of the aggregate requests (a team's overview and card, the
     * process reviews and their agendas) and the totals of the paged lists,
     * kept in each backend process. Any
     * write to the plugin's data is seen at once, on every replica; what
     * follows from the clock alone (a followup becoming overdue, a post-mortem
     * late) shows at most one time to live later.
     */
    answerCache?: {
      /** How long an answer is kept; default 1 minute, 0 keeps none. */
      ttl?: HumanDuration | string;
      /** The most memory the kept answers take, as bytes or a size such as `64mb` (the default); at least 1mb. */
      maxSize?: string | number;
    };
    /** The plugin's database. */
    database?: {
      /**
       * PostgreSQL only: the most frequent reads (a service tab's page, an
       * incident's parts) run as named prepared statements, which each
       * connection parses once and, after five runs, plans once. Set false
       * when connections go through a pooler that does not keep them from one
       * transaction to the next (PgBouncer before 1.21 in transaction mode).
       * Default true.
       */
      preparedStatements?: boolean;
    };
    /** How the plugin asks the permission policy. */
    permissions?: {
      /**
       * How long the policy's answer to a read (may this caller read incidents,
       * this incident) is kept per caller; default 5 seconds, 0 asks every
       * time. Writes always ask.
       */
      readDecisionTtl?: HumanDuration | string;
    };
    /** Demo data for trying the portal out; leave unset in production. */
    demoData?: {
      /** Store the demo incidents on start. Off unless set. */
      enabled?: boolean;
      /**
       * A YAML file of incidents (`incidents: [{ id, title, severity, ... }]`),
       * relative to the backend's working directory, stored on start. Each has a
       * fixed id, so restarts add nothing twice.
       */
      incidentsFile?: string;
    };
    /** How incidents are linked to their owning teams through the catalog. */
    ownership?: {
      /**
       * How long to wait for the catalog before storing an incident with its owners
       * left to the refresh; default 5 seconds.
       */
      catalogTimeout?: HumanDuration | string;
      /**
       * How long the groups below a group, read from the catalog for the team
       * overviews' roll-up, are kept in the cache service; default 1 minute,
       * 0 reads them on every request.
       */
      groupHierarchyTtl?: HumanDuration | string;
      /**
       * When to ask the catalog again who owns the open incidents; default every
       * 5 minutes. In the first 10 minutes after start, incidents whose entities
       * the catalog does not have yet are asked about again every 15 seconds.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /**
     * The groups whose members are the company's incident commanders (such as
     * an IC rotation). The portal's example permission policy lets them, and
     * only them, schedule process reviews; unset, everyone may.
     */
    incidentCommanderGroups?: string[];
    /**
     * Per role, the after-incident checklist that replaces the default one. Roles:
     * incident-commander, deputy, scribe, subject-matter-expert, customer-liaison,
     * internal-liaison.
     */
    checklists?: {
      [role: string]: Array<{
        /** Stable id of the step within the role, such as `email-stakeholders`. */
        id: string;
        title: string;
        /** When the step is due after the resolution. */
        due?: { days: number } | { businessDays: number };
        /** Only for incidents of these final severities. */
        severities?: Array<'SEV-1' | 'SEV-2' | 'SEV-3' | 'SEV-4' | 'SEV-5'>;
        /** What the portal watches to tick the step by itself. */
        completesWhen?:
          | 'resolved'
          | 'postmortem-owner-assigned'
          | 'stakeholders-emailed'
          | 'status-page-updated';
      }>;
    };
    /** How due dates are counted. */
    dueDates?: {
      /** IANA time zone in which days and weekends count; default UTC. */
      timeZone?: string;
      /** Holidays as YYYY-MM-DD; they are not business days. */
      holidays?: string[];
      /**
       * When new action items are due by default, per severity; default SEV-1
       * 15 days, SEV-2 30 days.
       */
      actionItems?: {
        [severity: string]: { days: number } | { businessDays: number };
      };
    };
    /** Post-mortems. */
    postmortems?: {
      /**
       * Per final severity (SEV-1 ... SEV-5), the groups and users told, besides the
       * owning teams, when the incident commander notifies the stakeholders; such as
       * `SEV-1: [group:default/leadership]`.
       */
      stakeholders?: { [severity: string]: string[] };
    };
    /**
     * Action items as tickets, through the installed tracker modules (Jira,
     * GitHub Issues).
     */
    tickets?: {
      /**
       * Priorities (P0 ... P3) whose new action items get a ticket as they are
       * added, such as `[P0, P1]`; default none (the "Create ticket" button only).
       */
      autoCreate?: string[];
      /** How often linked tickets are read back; default every 10 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** The daily digest of overdue and due-soon followups, through notifications. */
    reminders?: {
      /** The hour of the day (0-23, in dueDates.timeZone) the digests go out; default 9. */
      hour?: number;
      /** How often the reminder task looks; default every 30 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
