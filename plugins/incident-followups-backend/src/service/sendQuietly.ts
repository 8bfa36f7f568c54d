import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';

/**
 * Sends a notification whose failure must not undo what it tells about (an
 * assignment, a request, a decision): a failure is logged.
 */
export async function sendQuietly(
  notifications: NotificationService,
  logger: LoggerService,
  recipientRefs: string | string[],
  payload: Parameters<NotificationService['send']>[0]['payload'],
) {
  try {
    await notifications.send({
      recipients: { type: 'entity', entityRef: recipientRefs },
      payload,
    });
  } catch (error) {
    logger.warn(
      `Notification to ${[recipientRefs].flat().join(', ')} not sent: ${error}`,
    );
  }
}
