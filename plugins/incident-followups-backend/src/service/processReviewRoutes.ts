import { AnswerCache } from '../answers/AnswerCache';
import { ReadAccess } from './readFilter';
import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  createProcessReviewRequestSchema,
  decideJoinRequestSchema,
  feedbackRequestSchema,
  joinRequestSchema,
  processReviewCreatePermission,
  processReviewDecideJoinPermission,
  processReviewEditPermission,
  recordDecisionRequestSchema,
  SEVERITIES,
  updateAgendaItemRequestSchema,
} from '@incident-followups/plugin-incident-followups-common';
import { Request, Router } from 'express';
import { z } from 'zod';
import { PostmortemService } from '../postmortems/PostmortemService';
import { processReviewInvite } from '../processReviews/processReviewInvite';
import { processReviewMarkdown } from '../processReviews/processReviewMarkdown';
import { ProcessReviewService } from '../processReviews/ProcessReviewService';
import { Audited } from './audited';
import { IncidentSignals } from './IncidentSignals';
import { createAuthorize } from './authorize';
import { parseRequest } from './parse';
import { incidentIdParamsSchema, listOf } from './querySchemas';

const reviewParamsSchema = z
  .object({ id: z.string().uuid('must be a process review id (a UUID)') })
  .passthrough();
const agendaItemParamsSchema = reviewParamsSchema.extend({
  incidentId: z.string().uuid('must be an incident id (a UUID)'),
});
const joinRequestParamsSchema = reviewParamsSchema.extend({
  requestId: z.string().uuid('must be a join request id (a UUID)'),
});
const listQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(20),
    cursor: z.string().max(500).optional(),
  })
  .strict();
const agendaQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(500).optional(),
    severity: listOf([...SEVERITIES]).optional(),
    discussed: z.enum(['true', 'false']).optional(),
  })
  .strict()
  .transform(({ severity, discussed, ...page }) => ({
    page,
    filters: {
      severities: severity,
      discussed: discussed === undefined ? undefined : discussed === 'true',
    },
  }));

/** Process review meetings, their agenda, join requests and decisions; responder feedback. */
export function addProcessReviewRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    signals: IncidentSignals;
    reviews: ProcessReviewService;
    postmortems: PostmortemService;
    audited: Audited;
    appBaseUrl: string;
    permissions: PermissionsService;
    readAccess: ReadAccess;
    answers: AnswerCache;
  },
) {
  const {
    answers,
    httpAuth,
    signals,
    reviews,
    postmortems,
    audited,
    appBaseUrl,
    permissions,
    readAccess,
  } = options;
  const authorize = createAuthorize(permissions);
  const credentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const userCredentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });
  const reviewId = (req: Request) =>
    parseRequest(reviewParamsSchema, req.params, 'path').id;

  router.get('/process-reviews', async (req, res) => {
    await credentials(req);
    const query = parseRequest(listQuerySchema, req.query, 'query');
    await answers.send(req, res, ['process reviews', query], () =>
      reviews.list(query),
    );
  });

  router.post('/process-reviews', async (req, res) => {
    const caller = await userCredentials(req);
    const request = parseRequest(
      createProcessReviewRequestSchema,
      req.body,
      'body',
    );
    await authorize(caller, processReviewCreatePermission);
    const created = await audited(req, 'process-review-create', {}, () =>
      reviews.create(request, caller),
    );
    res.status(201).json(created);
  });

  router.get('/process-reviews/:id', async (req, res) => {
    const caller = await credentials(req);
    const id = reviewId(req);
    const readable = await readAccess.filter(caller);
    await answers.send(req, res, ['process review', id, readable], () =>
      reviews.get(id, readable, answers.counter(req)),
    );
  });

  router.get('/process-reviews/:id/agenda', async (req, res) => {
    const caller = await credentials(req);
    const id = reviewId(req);
    const { page, filters } = parseRequest(
      agendaQuerySchema,
      req.query,
      'query',
    );
    const readable = await readAccess.filter(caller);
    await answers.send(
      req,
      res,
      ['process review agenda page', id, readable, page, filters],
      () => reviews.agenda(id, readable, page, filters, answers.counter(req)),
    );
  });

  router.get('/process-reviews/:id/agenda/:incidentId', async (req, res) => {
    const caller = await credentials(req);
    const { id, incidentId } = parseRequest(
      agendaItemParamsSchema,
      req.params,
      'path',
    );
    res.json(
      await reviews.agendaItem(id, incidentId, await readAccess.filter(caller)),
    );
  });

  router.patch('/process-reviews/:id/agenda/:incidentId', async (req, res) => {
    const caller = await userCredentials(req);
    const { id, incidentId } = parseRequest(
      agendaItemParamsSchema,
      req.params,
      'path',
    );
    const request = parseRequest(
      updateAgendaItemRequestSchema,
      req.body,
      'body',
    );
    await authorize(caller, processReviewEditPermission, id);
    const updated = await audited(
      req,
      'process-review-notes',
      { processReviewId: id, incidentId },
      async () =>
        reviews.updateItem(
          id,
          incidentId,
          request,
          caller,
          await readAccess.filter(caller),
        ),
    );
    await signals.reviewChanged(id, incidentId, updated.itemVersion);
    res.json(updated);
  });

  router.post('/process-reviews/:id/decisions', async (req, res) => {
    const caller = await userCredentials(req);
    const id = reviewId(req);
    const request = parseRequest(recordDecisionRequestSchema, req.body, 'body');
    await authorize(caller, processReviewEditPermission, id);
    const updated = await audited(
      req,
      'process-review-decision',
      { processReviewId: id, incidentId: request.incidentId },
      async () =>
        reviews.recordDecision(
          id,
          request,
          caller,
          await readAccess.filter(caller),
        ),
    );
    await signals.reviewChanged(id, request.incidentId);
    if (request.incidentId && request.followup) {
      // The decision is one of the incident's followups now.
      await signals.changed(request.incidentId, 'followups');
    }
    res.status(201).json(updated);
  });

  router.post('/process-reviews/:id/join-requests', async (req, res) => {
    const caller = await userCredentials(req);
    const id = reviewId(req);
    const { reason } = parseRequest(joinRequestSchema, req.body ?? {}, 'body');
    const asked = await audited(
      req,
      'process-review-join-request',
      { processReviewId: id },
      () => reviews.requestToJoin(id, reason, caller),
    );
    await signals.reviewChanged(id, null);
    res.json(asked);
  });

  router.post(
    '/process-reviews/:id/join-requests/:requestId',
    async (req, res) => {
      const caller = await userCredentials(req);
      const { id, requestId } = parseRequest(
        joinRequestParamsSchema,
        req.params,
        'path',
      );
      const { decision } = parseRequest(
        decideJoinRequestSchema,
        req.body,
        'body',
      );
      await authorize(caller, processReviewDecideJoinPermission, id);
      const decided = await audited(
        req,
        'process-review-join-decision',
        { processReviewId: id, requestId, decision },
        () => reviews.decideJoinRequest(id, requestId, decision, caller),
      );
      await signals.reviewChanged(id, null);
      res.json(decided);
    },
  );

  router.get('/process-reviews/:id/agenda.md', async (req, res) => {
    const caller = await credentials(req);
    const { review, agenda } = await reviews.withWholeAgenda(
      reviewId(req),
      await readAccess.filter(caller),
    );
    res
      .type('text/markdown; charset=utf-8')
      .attachment(`process-review-${review.scheduledFor.slice(0, 10)}.md`)
      .send(processReviewMarkdown(review, agenda));
  });

  router.get('/process-reviews/:id/invite.ics', async (req, res) => {
    const caller = await credentials(req);
    const review = await reviews.get(
      reviewId(req),
      await readAccess.filter(caller),
    );
    res
      .type('text/calendar; charset=utf-8')
      .attachment(`process-review-${review.scheduledFor.slice(0, 10)}.ics`)
      .send(
        processReviewInvite(
          review,
          await postmortems.emailsOf(review.attendeeRefs, caller),
          appBaseUrl,
        ),
      );
  });

  router.get('/incidents/:id/feedback', async (req, res) => {
    const caller = await userCredentials(req);
    const { id } = parseRequest(incidentIdParamsSchema, req.params, 'path');
    await readAccess.check(caller, id);
    res.json(await reviews.feedback(id, caller));
  });

  router.put('/incidents/:id/feedback', async (req, res) => {
    const caller = await userCredentials(req);
    const { id } = parseRequest(incidentIdParamsSchema, req.params, 'path');
    const request = parseRequest(feedbackRequestSchema, req.body, 'body');
    await readAccess.check(caller, id);
    res.json(
      await audited(req, 'incident-feedback', { incidentId: id }, () =>
        reviews.saveFeedback(id, request, caller),
      ),
    );
  });
}
