import { AutoCompletion } from '@incident-followups/plugin-incident-followups-common';

/** What ticks a checklist step by itself, in the user's words. */
export const AUTO_COMPLETION_HINTS: Record<AutoCompletion, string> = {
  resolved: 'Ticked when the incident is resolved',
  'postmortem-owner-assigned':
    'Ticks itself once a post-mortem with an owner exists',
  'stakeholders-emailed': 'Ticks itself once the stakeholder email is sent',
  'status-page-updated':
    'Ticks itself once the external message is on the status page',
};
