import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Settings of the incident-followups plugins. */
  incidentFollowups?: {
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
       * When to ask the catalog again who owns the open incidents; default every
       * 5 minutes.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
