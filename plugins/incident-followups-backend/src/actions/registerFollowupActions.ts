import { ReadAccess } from '../service/readFilter';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  ACTION_ITEM_KINDS,
  createActionItemRequestSchema,
  followupUpdatePermission,
  FOLLOWUP_PRIORITIES,
  Followup,
  OPEN_FOLLOWUP_STATUSES,
} from '@incident-followups/plugin-incident-followups-common';
import { FollowupService } from '../followups/FollowupService';
import { Authorize } from '../service/authorize';
import { parseRequest } from '../service/parse';

function summary(followup: Followup) {
  return {
    id: followup.id,
    incidentId: followup.incidentId,
    incident: followup.incidentTitle,
    title: followup.title,
    type: followup.type,
    ownerRef: followup.ownerRef,
    status: followup.status,
    dueAt: followup.dueAt,
  };
}

/**
 * Followup actions for assistants, served as MCP tools by the portal: the same
 * services, validation and credentials as the REST API.
 */
export function registerFollowupActions(
  registry: ActionsRegistryService,
  followups: FollowupService,
  authorize: Authorize,
  readAccess: ReadAccess,
) {
  registry.register({
    name: 'list-open-followups',
    title: 'List open incident followups',
    description:
      'Lists the open followups (role checklist steps and action items) of a user, or of a team and the incidents it owns, soonest due first.',
    attributes: { readOnly: true },
    schema: {
      input: z =>
        z.object({
          userRef: z
            .string()
            .optional()
            .describe('A user entity ref such as user:default/jane'),
          teamRef: z
            .string()
            .optional()
            .describe('A group entity ref such as group:default/payments'),
        }),
      output: z =>
        z.object({
          followups: z.array(
            z.object({
              id: z.string(),
              incidentId: z.string(),
              incident: z.string(),
              title: z.string(),
              type: z.string(),
              ownerRef: z.string().nullable(),
              status: z.string(),
              dueAt: z.string().nullable(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const page = await followups.list(
        {
          assigneeRef: input.userRef?.toLowerCase(),
          teamRef: input.teamRef?.toLowerCase(),
          statuses: [...OPEN_FOLLOWUP_STATUSES],
          readable: await readAccess.filter(credentials),
          limit: 500,
        },
        credentials,
      );
      const items = [...page.items].sort((a, b) =>
        (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'),
      );
      return { output: { followups: items.map(summary) } };
    },
  });

  registry.register({
    name: 'mark-followup-done',
    title: 'Mark an incident followup done',
    description:
      'Marks one followup (a checklist step or an action item) done, as the calling user.',
    attributes: { destructive: false, idempotent: true },
    schema: {
      input: z => z.object({ followupId: z.string().uuid() }),
      output: z => z.object({ id: z.string(), status: z.string() }),
    },
    action: async ({ input, credentials }) => {
      const current = await followups.get(input.followupId);
      await authorize(
        credentials,
        followupUpdatePermission,
        current.incidentId,
      );
      const updated = await followups.updateFollowup(
        current.id,
        { version: current.version, status: 'done' },
        credentials,
      );
      return { output: { id: updated.id, status: updated.status } };
    },
  });

  registry.register({
    name: 'add-action-item',
    title: 'Add an action item to an incident',
    description:
      'Adds an action item to an incident. The owner defaults to the owning team of the affected service, the due date to the policy for its severity.',
    attributes: { destructive: false },
    schema: {
      input: z =>
        z.object({
          incidentId: z.string().uuid(),
          title: z.string(),
          kind: z.enum(ACTION_ITEM_KINDS),
          priority: z.enum(FOLLOWUP_PRIORITIES),
          ownerRef: z.string().optional(),
        }),
      output: z =>
        z.object({
          id: z.string(),
          ownerRef: z.string().nullable(),
          dueAt: z.string().nullable(),
        }),
    },
    action: async ({ input, credentials }) => {
      const { incidentId, ...item } = input;
      const request = parseRequest(createActionItemRequestSchema, item, 'body');
      await authorize(credentials, followupUpdatePermission, incidentId);
      const created = await followups.addActionItem(
        incidentId,
        request,
        credentials,
      );
      return {
        output: {
          id: created.id,
          ownerRef: created.ownerRef,
          dueAt: created.dueAt,
        },
      };
    },
  });
}
