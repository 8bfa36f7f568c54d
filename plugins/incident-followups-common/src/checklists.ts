import { z } from 'zod';
import { dueDate, DueDatePolicy, DueOffset } from './dueDates';
import { AUTO_COMPLETIONS, AutoCompletion, FollowupStatus } from './followup';
import { Incident } from './incident';
import { RESPONDER_ROLES, ResponderRole } from './roles';
import { SEVERITIES, Severity } from './severity';

/**
 * One step of a role's after-incident checklist.
 *
 * @public
 */
export interface ChecklistItem {
  /** Stable within the role; generated followups are keyed by it. */
  id: string;
  title: string;
  /** When it is due, counted from the resolution. */
  due?: DueOffset;
  /** Only for incidents of these (final) severities. */
  severities?: Severity[];
  /** What the portal watches to tick it by itself. */
  completesWhen?: AutoCompletion;
}

/** @public */
export type Checklists = Record<ResponderRole, ChecklistItem[]>;

const major: Severity[] = ['SEV-1', 'SEV-2'];

/**
 * The after-incident steps of each role, as PagerDuty's incident response process
 * lists them.
 *
 * @public
 */
export const DEFAULT_CHECKLISTS: Checklists = {
  'incident-commander': [
    {
      id: 'update-incident',
      title:
        'Group related incidents under the primary one, set the final severity and resolve',
      completesWhen: 'resolved',
    },
    {
      id: 'create-postmortem',
      title: 'Create the post-mortem and assign it an owner',
      due: { businessDays: 1 },
      severities: major,
      completesWhen: 'postmortem-owner-assigned',
    },
    {
      id: 'email-stakeholders',
      title:
        'Email the stakeholders that there was an incident, with a link to the post-mortem',
      due: { businessDays: 1 },
      completesWhen: 'stakeholders-emailed',
    },
    {
      id: 'check-postmortem-progress',
      title: 'Check that the post-mortem is done within its time frame',
      due: { businessDays: 5 },
      severities: major,
    },
  ],
  deputy: [],
  scribe: [
    {
      id: 'key-events',
      title:
        'Review the chat and extract the key events into the post-mortem timeline',
      due: { businessDays: 2 },
    },
    {
      id: 'todo-items',
      title: 'Collect every TODO item from the chat into the post-mortem',
      due: { businessDays: 2 },
    },
    {
      id: 'notes',
      title: 'Add relevant notes to the post-mortem',
      due: { businessDays: 2 },
    },
  ],
  'subject-matter-expert': [
    {
      id: 'notes',
      title: 'Add relevant notes to the post-mortem',
      due: { businessDays: 3 },
    },
  ],
  'customer-liaison': [
    {
      id: 'customer-replies',
      title: 'Reply to the customer enquiries received about the incident',
      due: { businessDays: 1 },
    },
    {
      id: 'status-page',
      title:
        "Update the status page with the post-mortem's external message once it exists",
      completesWhen: 'status-page-updated',
    },
  ],
  'internal-liaison': [],
};

const dueOffsetSchema = z.union([
  z.object({ days: z.number().int().min(0).max(365) }).strict(),
  z.object({ businessDays: z.number().int().min(0).max(365) }).strict(),
]);

const checklistItemSchema = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,63}$/,
        'must be a lower-case id such as email-stakeholders',
      ),
    title: z.string().trim().min(1).max(300),
    due: dueOffsetSchema.optional(),
    severities: z.array(z.enum(SEVERITIES)).min(1).optional(),
    completesWhen: z.enum(AUTO_COMPLETIONS).optional(),
  })
  .strict();

/**
 * The `incidentFollowups.checklists` setting: per role, the items that replace
 * that role's default checklist.
 *
 * @public
 */
export const checklistsConfigSchema = z
  .record(z.string(), z.array(checklistItemSchema))
  .superRefine((value, ctx) => {
    for (const role of Object.keys(value)) {
      if (!(RESPONDER_ROLES as readonly string[]).includes(role)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [role],
          message: `is not a role; the roles are ${RESPONDER_ROLES.join(', ')}`,
        });
      }
      const ids = value[role].map(item => item.id);
      const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
      if (duplicate) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [role],
          message: `has the item id '${duplicate}' twice`,
        });
      }
    }
  });

/** Applies configured role checklists over the defaults. @public */
export function mergeChecklists(configured: Partial<Checklists>): Checklists {
  return { ...DEFAULT_CHECKLISTS, ...configured };
}

/**
 * A role step to store: who owes it, when, and whether it is done already.
 *
 * @public
 */
export interface PlannedRoleFollowup {
  /** Unique per incident: generating twice never stores twice. */
  key: string;
  role: ResponderRole;
  title: string;
  ownerRef: string | null;
  dueAt: string | null;
  status: FollowupStatus;
  autoCompletion: AutoCompletion | null;
}

/**
 * The role steps a resolved incident owes: each item of each role's checklist that
 * applies to its final severity, for each person in the role; a role nobody held
 * gets its items unassigned, for the incident commander to hand out.
 *
 * @public
 */
export function planRoleFollowups(
  incident: Pick<
    Incident,
    'severity' | 'finalSeverity' | 'resolvedAt' | 'responders'
  >,
  checklists: Checklists,
  policy: DueDatePolicy,
): PlannedRoleFollowup[] {
  const severity = incident.finalSeverity ?? incident.severity;
  const resolvedAt = incident.resolvedAt ?? new Date().toISOString();
  const planned: PlannedRoleFollowup[] = [];
  for (const role of RESPONDER_ROLES) {
    const people = incident.responders
      .filter(r => r.role === role)
      .map(r => r.userRef);
    for (const item of checklists[role]) {
      if (item.severities && !item.severities.includes(severity)) continue;
      for (const ownerRef of people.length ? people : [null]) {
        planned.push({
          key: `${role}:${item.id}:${ownerRef ?? 'unassigned'}`,
          role,
          title: item.title,
          ownerRef,
          dueAt: item.due ? dueDate(resolvedAt, item.due, policy) : null,
          status: item.completesWhen === 'resolved' ? 'done' : 'open',
          autoCompletion: item.completesWhen ?? null,
        });
      }
    }
  }
  return planned;
}
