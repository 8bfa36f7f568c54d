import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import { incidentSignalChannel } from '@incident-followups/plugin-incident-followups-common';

/** Tells the pages showing an incident that it or its followups changed. */
export class IncidentSignals {
  constructor(
    private readonly signals: SignalsService,
    private readonly logger: LoggerService,
  ) {}

  async changed(
    incidentId: string,
    what: 'incident' | 'followups' | 'postmortem',
  ): Promise<void> {
    try {
      await this.signals.publish({
        recipients: { type: 'broadcast' },
        channel: incidentSignalChannel(incidentId),
        message: { incidentId, what },
      });
    } catch (error) {
      // The change is stored; open pages just won't refresh by themselves.
      this.logger.warn(
        `Could not signal the change of incident ${incidentId}: ${error}`,
      );
    }
  }
}
