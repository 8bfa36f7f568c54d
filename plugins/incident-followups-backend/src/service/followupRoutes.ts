import { AnswerCache } from '../answers/AnswerCache';
import { ReadAccess } from './readFilter';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  createActionItemRequestSchema,
  FOLLOWUP_STATUSES,
  followupUpdatePermission,
  updateFollowupRequestSchema,
  userRefSchema,
} from '@incident-followups/plugin-incident-followups-common';
import { Request, Router } from 'express';
import { z } from 'zod';
import { FollowupService } from '../followups/FollowupService';
import { TicketService } from '../tickets/TicketService';
import { Audited } from './audited';
import { Authorize } from './authorize';
import { IncidentSignals } from './IncidentSignals';
import { parseRequest } from './parse';
import { incidentIdParamsSchema, listOf } from './querySchemas';

const followupIdParamsSchema = z.object({
  id: z.string().uuid('must be a followup id (a UUID)'),
});

const listFollowupsQuerySchema = z
  .object({
    assigneeRef: userRefSchema.optional(),
    status: listOf([...FOLLOWUP_STATUSES]).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(500).optional(),
    order: z.enum(['created', 'urgency']).default('created'),
  })
  .strict();

/** The followup endpoints: an incident's followups, one person's, and changes to one. */
export function addFollowupRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    followups: FollowupService;
    tickets: TicketService;
    signals: IncidentSignals;
    audited: Audited;
    authorize: Authorize;
    readAccess: ReadAccess;
    answers: AnswerCache;
  },
) {
  const {
    httpAuth,
    followups,
    tickets,
    audited,
    signals,
    authorize,
    readAccess,
    answers,
  } = options;
  const credentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/incidents/:id/followups', async (req, res) => {
    const caller = await credentials(req);
    const { id } = parseRequest(incidentIdParamsSchema, req.params, 'path');
    await readAccess.check(caller, id);
    res.json(await followups.listForIncident(id));
  });

  router.post('/incidents/:id/followups', async (req, res) => {
    const caller = await credentials(req);
    const { id } = parseRequest(incidentIdParamsSchema, req.params, 'path');
    const request = parseRequest(
      createActionItemRequestSchema,
      req.body,
      'body',
    );
    await authorize(caller, followupUpdatePermission, id);
    const added = await audited(
      req,
      'followup-create',
      { incidentId: id },
      () => followups.addActionItem(id, request, caller),
    );
    const item = await tickets.createAutomatically(added);
    await signals.changed(id, 'followups');
    res.status(201).json(item);
  });

  router.get('/followups', async (req, res) => {
    const caller = await credentials(req);
    const query = parseRequest(listFollowupsQuerySchema, req.query, 'query');
    res.json(
      await followups.list(
        {
          assigneeRef: query.assigneeRef,
          statuses: query.status,
          overdue: query.overdue === 'true',
          readable: await readAccess.filter(caller),
          limit: query.limit,
          cursor: query.cursor,
          order: query.order,
        },
        caller,
        answers.counter(req),
      ),
    );
  });

  router.patch('/followups/:id', async (req, res) => {
    const caller = await credentials(req);
    const { id } = parseRequest(followupIdParamsSchema, req.params, 'path');
    const request = parseRequest(updateFollowupRequestSchema, req.body, 'body');
    await authorize(
      caller,
      followupUpdatePermission,
      (
        await followups.get(id)
      ).incidentId,
    );
    const updated = await audited(
      req,
      'followup-update',
      { followupId: id },
      () => followups.updateFollowup(id, request, caller),
    );
    await signals.changed(updated.incidentId, 'followups');
    res.json(updated);
  });

  router.post('/followups/:id/ticket', async (req, res) => {
    const caller = await credentials(req);
    const { id } = parseRequest(followupIdParamsSchema, req.params, 'path');
    await authorize(
      caller,
      followupUpdatePermission,
      (
        await followups.get(id)
      ).incidentId,
    );
    const result = await audited(
      req,
      'followup-ticket-create',
      { followupId: id },
      () => tickets.createTicket(id),
    );
    if (result.created) {
      await signals.changed(result.followup.incidentId, 'followups');
    }
    res.status(result.created ? 201 : 200).json(result);
  });
}
