import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { JoinRequest } from '@incident-followups/plugin-incident-followups-common';
import { sendQuietly } from '../service/sendQuietly';
import { ProcessReviewRecord } from './DatabaseProcessReviewStore';

/** The page of a process review, as the app routes it. */
export function processReviewLink(reviewId: string): string {
  return `/process-reviews/${reviewId}`;
}

/** What process reviews tell people: join requests to the ICs, decisions to the requester. */
export class ProcessReviewNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  async joinRequested(
    review: ProcessReviewRecord,
    request: JoinRequest,
    commanderRefs: string[],
  ) {
    if (commanderRefs.length === 0) return;
    await this.send(commanderRefs, {
      title: `${request.userRef} asks to join "${review.title}"`,
      description: request.reason
        ? `Their reason: ${request.reason}`
        : 'Approve or decline the request on the meeting page.',
      link: processReviewLink(review.id),
      severity: 'normal',
      topic: 'incident-followups-process-reviews',
    });
  }

  async joinDecided(review: ProcessReviewRecord, request: JoinRequest) {
    const approved = request.status === 'approved';
    await this.send([request.userRef], {
      title: approved
        ? `You are invited to "${review.title}"`
        : `Your request to join "${review.title}" was declined`,
      description: approved
        ? `The meeting is on ${review.scheduledFor
            .slice(0, 16)
            .replace(
              'T',
              ' ',
            )} UTC. The meeting page has the agenda and the calendar invite.`
        : `${request.decidedBy} declined it. Ask an incident commander if you would like to know why.`,
      link: processReviewLink(review.id),
      severity: 'normal',
      topic: 'incident-followups-process-reviews',
    });
  }

  private send(
    refs: string[],
    payload: Parameters<NotificationService['send']>[0]['payload'],
  ) {
    return sendQuietly(this.notifications, this.logger, refs, payload);
  }
}
