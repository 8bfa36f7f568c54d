import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { notificationsEmailTemplateExtensionPoint } from '@backstage/plugin-notifications-backend-module-email';
import { Notification } from '@backstage/plugin-notifications-common';
import { resolveNotificationLink } from '@backstage/plugin-notifications-node';
import escapeHtml from 'escape-html';

/**
 * Notification emails that show what people typed as text: titles and
 * descriptions (followup and incident titles among them) are escaped in the HTML
 * part, and their lines stay lines (a digest lists one followup per line).
 */
export function notificationEmailRenderer(appBaseUrl: string) {
  const base = appBaseUrl.replace(/\/$/, '');
  const linkOf = (notification: Notification) =>
    (notification.payload.link &&
      resolveNotificationLink(notification.payload.link, base)) ||
    `${base}/notifications`;
  return {
    async getText(notification: Notification) {
      return [notification.payload.description, linkOf(notification)]
        .filter(Boolean)
        .join('\n\n');
    },
    async getHtml(notification: Notification) {
      const link = escapeHtml(linkOf(notification));
      const lines = (notification.payload.description ?? '')
        .split('\n')
        .map(line => escapeHtml(line))
        .join('<br/>');
      return [
        `<p><strong>${escapeHtml(notification.payload.title)}</strong></p>`,
        lines ? `<p>${lines}</p>` : '',
        `<p><a href="${link}">${link}</a></p>`,
      ].join('');
    },
  };
}

/** Installs the renderer in the notifications email module. */
export const notificationEmailTemplateModule = createBackendModule({
  pluginId: 'notifications',
  moduleId: 'incident-followups-email-template',
  register(reg) {
    reg.registerInit({
      deps: {
        templates: notificationsEmailTemplateExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ templates, config }) {
        templates.setTemplateRenderer(
          notificationEmailRenderer(config.getString('app.baseUrl')),
        );
      },
    });
  },
});
