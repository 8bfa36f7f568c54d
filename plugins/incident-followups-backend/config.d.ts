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
  };
}
