import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** The keys the PagerDuty Backstage plugin uses; a portal that has it sets them already. */
  pagerDuty?: {
    /** The REST API's base URL; default https://api.pagerduty.com. */
    apiBaseUrl?: string;
    /**
     * A REST API key. Without one the module imports nothing.
     * @visibility secret
     */
    apiToken?: string;
  };
  incidentFollowups?: {
    /** How incident-followups works with PagerDuty. */
    pagerDuty?: {
      /** When incidents are imported; default every 5 minutes, at most 10 minutes a run. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** How many days back the first import of a service looks; default 30. */
      initialLookbackDays?: number;
      /**
       * Severity per PagerDuty priority name; default P1 to SEV-1 through P5 to SEV-5.
       */
      prioritySeverities?: {
        [priority: string]: 'SEV-1' | 'SEV-2' | 'SEV-3' | 'SEV-4' | 'SEV-5';
      };
      /** Severity of incidents without a priority, or with an unmapped one; default SEV-3. */
      defaultSeverity?: 'SEV-1' | 'SEV-2' | 'SEV-3' | 'SEV-4' | 'SEV-5';
      /**
       * The e-mail address (of a PagerDuty user) that merges, resolutions and notes
       * come from when the user who clicks has none in the catalog.
       */
      fromEmail?: string;
      /**
       * The PagerDuty status page that customer liaisons post post-mortems' external
       * messages to, with the status and severity of those posts (ids from
       * PagerDuty's status page settings). Unset, nothing is posted from the portal.
       */
      statusPage?: {
        id: string;
        statusId: string;
        severityId: string;
      };
      /** How long one request to PagerDuty may take; default 30 seconds. */
      requestTimeout?: HumanDuration | string;
    };
  };
}
