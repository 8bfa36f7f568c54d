import { ReadAccess } from './readFilter';
import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  chatDecisionRequestSchema,
  chatImportRequestSchema,
  CHAT_TRANSCRIPT_MAX_BYTES,
  createPostmortemRequestSchema,
  notifyStakeholdersRequestSchema,
  statusPagePostedRequestSchema,
  transitionPostmortemRequestSchema,
  updatePostmortemRequestSchema,
  postmortemEditPermission,
  postmortemTransitionPermission,
} from '@incident-followups/plugin-incident-followups-common';
import { Request, Router } from 'express';
import { z } from 'zod';
import { meetingInvite } from '../postmortems/meetingInvite';
import { postmortemMarkdown } from '../postmortems/postmortemMarkdown';
import { PostmortemService } from '../postmortems/PostmortemService';
import { Audited } from './audited';
import { Authorize } from './authorize';
import { IncidentSignals } from './IncidentSignals';
import { parseRequest } from './parse';
import { transcriptTooLarge } from './requestBodies';
import {
  incidentIdParamsSchema,
  listPostmortemsQuerySchema,
} from './querySchemas';

const postmortemIdParamsSchema = z.object({
  id: z.string().uuid('must be a post-mortem id (a UUID)'),
});
const proposalParamsSchema = postmortemIdParamsSchema.extend({
  key: z.string().regex(/^[0-9a-f]{16}$/, 'must be a chat proposal key'),
});

function readTranscript(req: Request): string {
  const { transcript } =
    typeof req.body === 'string'
      ? { transcript: req.body }
      : parseRequest(chatImportRequestSchema, req.body, 'body');
  const bytes = Buffer.byteLength(transcript, 'utf8');
  if (bytes > CHAT_TRANSCRIPT_MAX_BYTES) throw transcriptTooLarge(bytes);
  return transcript;
}

/** The post-mortem endpoints. */
export function addPostmortemRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    postmortems: PostmortemService;
    signals: IncidentSignals;
    appBaseUrl: string;
    audited: Audited;
    authorize: Authorize;
    readAccess: ReadAccess;
  },
) {
  const {
    httpAuth,
    postmortems,
    audited,
    signals,
    appBaseUrl,
    authorize,
    readAccess,
  } = options;
  /** The post-mortem's incident, on which its permissions are checked. */
  const incidentOf = async (postmortemId: string) =>
    (await postmortems.get(postmortemId)).incidentId;
  const credentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const postmortemId = (req: Request) =>
    parseRequest(postmortemIdParamsSchema, req.params, 'path').id;
  /** The post-mortem, when the caller may read its incident; a 404 otherwise. */
  const readable = async (caller: BackstageCredentials, id: string) => {
    const postmortem = await postmortems.get(id);
    await readAccess.check(caller, postmortem.incidentId);
    return postmortem;
  };

  router.get('/incidents/:id/postmortem', async (req, res) => {
    const caller = await credentials(req);
    const { id } = parseRequest(incidentIdParamsSchema, req.params, 'path');
    await readAccess.check(caller, id);
    res.json(await postmortems.getForIncident(id));
  });

  router.get(
    '/incidents/:id/postmortem/owner-suggestions',
    async (req, res) => {
      const caller = await credentials(req);
      const { id } = parseRequest(incidentIdParamsSchema, req.params, 'path');
      await readAccess.check(caller, id);
      res.json({ items: await postmortems.suggestOwners(id) });
    },
  );

  router.post('/incidents/:id/postmortem', async (req, res) => {
    const caller = await credentials(req);
    const { id } = parseRequest(incidentIdParamsSchema, req.params, 'path');
    await authorize(caller, postmortemEditPermission, id);
    const request = parseRequest(
      createPostmortemRequestSchema,
      req.body,
      'body',
    );
    const created = await audited(
      req,
      'postmortem-create',
      { incidentId: id },
      () => postmortems.create(id, request, caller),
    );
    await signals.changed(id, 'followups');
    res.status(201).json(created);
  });

  router.get('/postmortems', async (req, res) => {
    const caller = await credentials(req);
    const query = parseRequest(listPostmortemsQuerySchema, req.query, 'query');
    res.json(
      await postmortems.list({
        statuses: query.status,
        ownerRef: query.ownerRef,
        teamRef: query.teamRef,
        entityRef: query.entityRef,
        readable: await readAccess.filter(caller),
        limit: query.limit,
        cursor: query.cursor,
      }),
    );
  });

  router.get('/postmortems/:id', async (req, res) => {
    const caller = await credentials(req);
    res.json(await readable(caller, postmortemId(req)));
  });

  router.patch('/postmortems/:id', async (req, res) => {
    const caller = await credentials(req);
    const id = postmortemId(req);
    await authorize(caller, postmortemEditPermission, await incidentOf(id));
    const request = parseRequest(
      updatePostmortemRequestSchema,
      req.body,
      'body',
    );
    const updated = await audited(
      req,
      'postmortem-update',
      { postmortemId: id },
      () => postmortems.update(id, request, caller),
    );
    await signals.changed(updated.incidentId, 'postmortem');
    res.json(updated);
  });

  router.post('/postmortems/:id/transitions', async (req, res) => {
    const caller = await credentials(req);
    const id = postmortemId(req);
    await authorize(
      caller,
      postmortemTransitionPermission,
      await incidentOf(id),
    );
    const request = parseRequest(
      transitionPostmortemRequestSchema,
      req.body,
      'body',
    );
    const updated = await audited(
      req,
      'postmortem-transition',
      { postmortemId: id, to: request.to },
      () => postmortems.transition(id, request, caller),
    );
    await signals.changed(updated.incidentId, 'postmortem');
    res.json(updated);
  });

  router.post('/postmortems/:id/status-page', async (req, res) => {
    const caller = await credentials(req);
    const id = postmortemId(req);
    await authorize(caller, postmortemEditPermission, await incidentOf(id));
    const { url } = parseRequest(
      statusPagePostedRequestSchema,
      req.body ?? {},
      'body',
    );
    const updated = await audited(
      req,
      'postmortem-status-page',
      { postmortemId: id },
      () => postmortems.markStatusPagePosted(id, url, caller),
    );
    await signals.changed(updated.incidentId, 'followups');
    res.json(updated);
  });

  router.post('/postmortems/:id/notifications', async (req, res) => {
    const caller = await credentials(req);
    const id = postmortemId(req);
    await authorize(caller, postmortemEditPermission, await incidentOf(id));
    const request = parseRequest(
      notifyStakeholdersRequestSchema,
      req.body,
      'body',
    );
    const updated = await audited(
      req,
      'postmortem-notify',
      { postmortemId: id, message: request.message },
      () => postmortems.notifyStakeholders(id, request, caller),
    );
    await signals.changed(updated.incidentId, 'followups');
    res.json(updated);
  });

  router.get('/postmortems/:id/meeting.ics', async (req, res) => {
    const caller = await credentials(req);
    const postmortem = await readable(caller, postmortemId(req));
    const invite = meetingInvite(
      postmortem,
      await postmortems.emailsOf(postmortem.invitees, caller),
      appBaseUrl,
    );
    res
      .type('text/calendar; charset=utf-8')
      .attachment(`postmortem-${postmortem.incidentId}.ics`)
      .send(invite);
  });

  router.get('/postmortems/:id/export.md', async (req, res) => {
    const caller = await credentials(req);
    const postmortem = await readable(caller, postmortemId(req));
    res
      .type('text/markdown; charset=utf-8')
      .attachment(`postmortem-${postmortem.incidentId}.md`)
      .send(postmortemMarkdown(postmortem));
  });

  router.post('/postmortems/:id/chat-imports', async (req, res) => {
    const caller = await credentials(req);
    const id = postmortemId(req);
    await authorize(caller, postmortemEditPermission, await incidentOf(id));
    const transcript = readTranscript(req);
    const result = await audited(
      req,
      'postmortem-chat-import',
      { postmortemId: id },
      () => postmortems.importChat(id, transcript),
    );
    res.status(result.added > 0 ? 201 : 200).json(result);
  });

  router.get('/postmortems/:id/chat-proposals', async (req, res) => {
    const caller = await credentials(req);
    const id = postmortemId(req);
    await readable(caller, id);
    res.json({ items: await postmortems.listChatProposals(id) });
  });

  router.post('/postmortems/:id/chat-proposals/:key', async (req, res) => {
    const caller = await credentials(req);
    const { id, key } = parseRequest(proposalParamsSchema, req.params, 'path');
    const { decision } = parseRequest(
      chatDecisionRequestSchema,
      req.body,
      'body',
    );
    await authorize(caller, postmortemEditPermission, await incidentOf(id));
    const decided = await audited(
      req,
      'postmortem-chat-decision',
      { postmortemId: id, key, decision },
      () => postmortems.decideChatProposal(id, key, decision, caller),
    );
    const postmortem = await postmortems.get(id);
    await signals.changed(postmortem.incidentId, 'followups');
    res.json(decided);
  });
}
