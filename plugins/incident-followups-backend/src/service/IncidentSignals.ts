import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  incidentSignalChannel,
  ProcessReviewChangedSignal,
  processReviewSignalChannel,
} from '@incident-followups/plugin-incident-followups-common';

/** Tells the open pages that an incident or its followups changed, or a process review. */
export class IncidentSignals {
  constructor(
    private readonly signals: SignalsService,
    private readonly logger: LoggerService,
  ) {}

  async changed(
    incidentId: string,
    what: 'incident' | 'followups' | 'postmortem',
  ): Promise<void> {
    await this.broadcast(
      incidentSignalChannel(incidentId),
      { incidentId, what },
      `incident ${incidentId}`,
    );
  }

  /**
   * A process review's agenda item (`incidentId`, at `itemVersion` when its
   * notes or mark changed), decisions or attendees changed.
   */
  async reviewChanged(
    reviewId: string,
    incidentId: string | null,
    itemVersion?: number,
  ): Promise<void> {
    const message: ProcessReviewChangedSignal = {
      reviewId,
      incidentId,
      itemVersion: itemVersion === undefined ? null : String(itemVersion),
    };
    await this.broadcast(
      processReviewSignalChannel(reviewId),
      message,
      `process review ${reviewId}`,
    );
  }

  private async broadcast(
    channel: string,
    message: Record<string, string | null>,
    subject: string,
  ) {
    try {
      await this.signals.publish({
        recipients: { type: 'broadcast' },
        channel,
        message,
      });
    } catch (error) {
      // The change is stored; open pages just won't refresh by themselves.
      this.logger.warn(`Could not signal the change of ${subject}: ${error}`);
    }
  }
}
