import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { sendQuietly } from '../service/sendQuietly';
import { PostmortemRecord } from './PostmortemStore';

/** The page of an incident's post-mortem, as the app routes it. */
export function postmortemLink(incidentId: string): string {
  return `/incident-followups/incidents/${incidentId}/postmortem`;
}

/** What the post-mortems tell people, through Backstage notifications (and email). */
export class PostmortemNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  /** Tells the new owner; a failure is logged, the assignment stays. */
  async ownerAssigned(postmortem: PostmortemRecord, byRef: string) {
    if (postmortem.ownerRef === byRef) return;
    await this.sendQuietly(postmortem.ownerRef, {
      title: `You own the post-mortem of "${postmortem.incidentTitle}"`,
      description: `Schedule the post-mortem meeting first, and share the draft about 24 hours before it. Post-mortems are blameless: you were asked because you know the incident well.`,
      link: postmortemLink(postmortem.incidentId),
      severity: 'high',
      topic: 'incident-followups-postmortems',
    });
  }

  /** Asks the owner to share the draft before the meeting. */
  async meetingSoon(postmortem: PostmortemRecord, when: string) {
    await this.notifications.send({
      recipients: { type: 'entity', entityRef: postmortem.ownerRef },
      payload: {
        title: `Share the post-mortem draft of "${postmortem.incidentTitle}"`,
        description: `The post-mortem meeting is ${when}. Move the post-mortem to In review so that invitees can read it beforehand.`,
        link: postmortemLink(postmortem.incidentId),
        severity: 'normal',
        topic: 'incident-followups-postmortems',
      },
    });
  }

  /** Sends to the stakeholders; unlike the others, failure is the caller's to report. */
  async stakeholders(
    postmortem: PostmortemRecord,
    recipientRefs: string[],
    payload: { title: string; description: string },
  ) {
    await this.notifications.send({
      recipients: { type: 'entity', entityRef: recipientRefs },
      payload: {
        ...payload,
        link: postmortemLink(postmortem.incidentId),
        severity: 'normal',
        topic: 'incident-followups-stakeholders',
      },
    });
  }

  private sendQuietly(
    recipientRef: string,
    payload: Parameters<NotificationService['send']>[0]['payload'],
  ) {
    return sendQuietly(this.notifications, this.logger, recipientRef, payload);
  }
}
