import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
// The module is tested inside the plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import incidentFollowupsPlugin from '@incident-followups/plugin-incident-followups-backend';
import {
  checkoutCatalog,
  startIncidentFollowupsTestBackend,
} from '@incident-followups/plugin-incident-followups-node/testUtils';
import { FakePagerDuty } from './__testUtils__/FakePagerDuty';
import incidentFollowupsModulePagerDuty from './index';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

jest.setTimeout(60_000);

const entities = checkoutCatalog({
  serviceAnnotations: { 'pagerduty.com/service-id': 'PCHECKOUT' },
  member: { name: 'jane' },
});

describe('the PagerDuty module in the backend, against the fake PagerDuty', () => {
  let fake: FakePagerDuty;

  beforeAll(async () => {
    fake = await FakePagerDuty.start({ token: 'demo-token' });
  });
  afterAll(() => fake.stop());

  async function startBackend() {
    const { callAs, scheduler } = await startIncidentFollowupsTestBackend({
      features: [
        incidentFollowupsPlugin,
        incidentFollowupsModulePagerDuty,
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
      config: {
        app: { baseUrl: 'http://localhost:3000' },
        pagerDuty: { apiBaseUrl: fake.baseUrl, apiToken: 'demo-token' },
        incidentFollowups: {
          pagerDuty: {
            schedule: {
              frequency: { minutes: 5 },
              timeout: { minutes: 5 },
            },
            initialLookbackDays: 30,
            statusPage: {
              id: 'PSTATUS',
              statusId: 'PRESOLVED',
              severityId: 'PMINOR',
            },
          },
        },
      },
      entities,
    });
    const call = callAs('user:default/jane');
    const get = (path: string) => call('get', path);
    const send = (method: 'post' | 'patch', path: string, body: object = {}) =>
      call(method, path, body);
    return { scheduler, get, send };
  }

  it('imports thousands of incidents over many pages, once, and shows the sync', async () => {
    const now = Date.now();
    const first = fake.addIncident({
      serviceId: 'PCHECKOUT',
      createdAt: new Date(now - 5 * 86_400_000).toISOString(),
      title: 'Checkout down',
      priority: 'P1',
      assigneeEmails: ['jane@example.com'],
    });
    for (let i = 1; i < 1200; i++) {
      fake.addIncident({
        serviceId: 'PCHECKOUT',
        createdAt: new Date(now - 5 * 86_400_000 + i * 60_000).toISOString(),
        priority: 'P4',
      });
    }
    fake.merge(
      first.id,
      'Q0000002',
      new Date(now - 4 * 86_400_000).toISOString(),
    );
    const { scheduler, get } = await startBackend();

    await scheduler.triggerTask('incident-followups-sync-pagerduty');
    fake.failNext(/^\/incidents$/, {
      kind: 'rate-limit',
      retryAfterSeconds: 0,
    });
    await scheduler.triggerTask('incident-followups-sync-pagerduty');

    const sources = await get('/sources');
    expect(sources.status).toBe(200);
    expect(sources.body.items).toEqual([
      expect.objectContaining({
        sourceType: 'pagerduty',
        serviceId: 'PCHECKOUT',
        entityRefs: ['component:default/checkout-api'],
        lastError: null,
        importedCount: 1200,
      }),
    ]);
    const listed = await get(
      '/incidents?entityRef=component:default/checkout-api&limit=1&includeGrouped=true',
    );
    expect(listed.body.totalCount).toBe(1200);
    const primary = await get(
      `/incidents?entityRef=component:default/checkout-api&severity=SEV-1`,
    );
    expect(primary.body.items).toHaveLength(1);
    const detail = await get(`/incidents/${primary.body.items[0].id}`);
    expect(detail.body).toMatchObject({
      title: 'Checkout down',
      responders: [
        { role: 'subject-matter-expert', userRef: 'user:default/jane' },
      ],
      relatedIncidents: [
        expect.objectContaining({
          source: expect.objectContaining({ externalId: 'Q0000002' }),
        }),
      ],
    });
    expect(fake.violations).toEqual([]);
  }, 300_000);

  it('shows the error of a sync that PagerDuty refused', async () => {
    const { scheduler, get } = await startBackend();
    fake.validTokens = new Set(['rotated']);
    try {
      await scheduler.triggerTask('incident-followups-sync-pagerduty');
    } finally {
      fake.validTokens = new Set(['demo-token']);
    }
    const sources = await get(
      '/sources?entityRef=component:default/checkout-api',
    );
    expect(sources.body.items).toEqual([
      expect.objectContaining({
        serviceId: 'PCHECKOUT',
        lastError: 'PagerDuty GET /incidents answered 401: Unauthorized',
      }),
    ]);
    const [status] = sources.body.items;
    // The run on start-up went through; the refused one after it did not.
    expect(status.lastSyncedAt < status.lastAttemptAt).toBe(true);
  });

  it("does the IC's PagerDuty steps as the user who clicks, and shows PagerDuty's refusal", async () => {
    fake.incidents.clear();
    const now = Date.now();
    const primary = fake.addIncident({
      serviceId: 'PCHECKOUT',
      createdAt: new Date(now - 3_600_000).toISOString(),
      title: 'Cards declined',
      priority: 'P1',
    });
    const echo = fake.addIncident({
      serviceId: 'PCHECKOUT',
      createdAt: new Date(now - 3_000_000).toISOString(),
      title: 'Card processor timeouts',
    });
    const { scheduler, get, send } = await startBackend();
    await scheduler.triggerTask('incident-followups-sync-pagerduty');
    const idOf = async (externalId: string) => {
      const { body } = await get(
        '/incidents?entityRef=component:default/checkout-api&includeGrouped=true&limit=500',
      );
      return body.items.find((i: any) => i.source.externalId === externalId).id;
    };
    const primaryId = await idOf(primary.id);
    expect(
      (
        await send('post', `/incidents/${primaryId}/related`, {
          incidentIds: [await idOf(echo.id)],
        })
      ).status,
    ).toBe(200);
    const detail = await get(`/incidents/${primaryId}`);
    await send('patch', `/incidents/${primaryId}`, {
      version: detail.body.version,
      finalSeverity: 'SEV-2',
      responders: [
        { role: 'incident-commander', userRef: 'user:default/jane' },
      ],
    });

    const merged = await send(
      'post',
      `/incidents/${primaryId}/source-actions`,
      { action: 'merge-related' },
    );
    expect(merged.status).toBe(200);
    expect(fake.incidents.get(echo.id)).toMatchObject({
      status: 'resolved',
      mergedInto: primary.id,
    });

    fake.priorities = ['High', 'Low'];
    const refused = await send(
      'post',
      `/incidents/${primaryId}/source-actions`,
      { action: 'resolve' },
    );
    expect(refused.status).toBe(503);
    expect(refused.body.error.message).toBe(
      `PagerDuty did not take the change: PagerDuty PUT /incidents/${primary.id} answered 404: Priority P2 not found`,
    );
    expect((await get(`/incidents/${primaryId}`)).body.status).toBe(
      'triggered',
    );

    fake.priorities = ['P1', 'P2', 'P3'];
    const resolved = await send(
      'post',
      `/incidents/${primaryId}/source-actions`,
      { action: 'resolve' },
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    expect(fake.incidents.get(primary.id)).toMatchObject({
      status: 'resolved',
      priority: 'P2',
    });
    const followups = await get(`/incidents/${primaryId}/followups`);
    const items = followups.body.items ?? followups.body;
    expect(
      items.find((f: any) => f.title.startsWith('Group related incidents')),
    ).toMatchObject({ status: 'done' });

    expect(
      (
        await send('post', `/incidents/${primaryId}/postmortem`, {
          ownerRef: 'user:default/jane',
        })
      ).status,
    ).toBe(201);
    const linked = await send(
      'post',
      `/incidents/${primaryId}/source-actions`,
      { action: 'link-postmortem' },
    );
    expect(linked.status).toBe(200);
    expect(fake.writes.map(w => [w.method, w.path, w.from])).toEqual([
      ['PUT', `/incidents/${primary.id}/merge`, 'jane@example.com'],
      ['PUT', `/incidents/${primary.id}`, 'jane@example.com'],
      ['POST', `/incidents/${primary.id}/notes`, 'jane@example.com'],
    ]);
    expect(fake.writes[2].body).toEqual({
      note: {
        content: `Post-mortem: http://localhost:3000/incident-followups/incidents/${primaryId}/postmortem`,
      },
    });
    const history = (await get(`/incidents/${primaryId}`)).body.history;
    expect(
      history
        .filter((h: any) => h.field === 'sourceAction')
        .map((h: any) => h.to.action),
    ).toEqual(['merge-related', 'resolve', 'link-postmortem']);

    const postmortem = (await get(`/incidents/${primaryId}/postmortem`)).body;
    const notYet = await send(
      'post',
      `/postmortems/${postmortem.id}/status-page-post`,
    );
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.message).toContain('no external message');
    await send('patch', `/postmortems/${postmortem.id}`, {
      version: postmortem.version,
      content: {
        externalMessage: {
          summary: 'Card payments failed for 40 minutes.',
          whatHappened: 'A release broke the card processor client.',
          whatWeAreDoing: 'We test releases against the processor sandbox.',
        },
      },
    });
    fake.statusPages = ['PELSEWHERE'];
    const missingPage = await send(
      'post',
      `/postmortems/${postmortem.id}/status-page-post`,
    );
    expect(missingPage.status).toBe(503);
    expect(missingPage.body.error.message).toBe(
      'PagerDuty did not take the post: PagerDuty POST /status_pages/PSTATUS/posts answered 404: Status page not found',
    );
    fake.statusPages = ['PSTATUS'];
    const posted = await send(
      'post',
      `/postmortems/${postmortem.id}/status-page-post`,
    );
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({
      statusPagePostedBy: 'user:default/jane',
      statusPageUrl: expect.stringMatching(
        /\/status_pages\/PSTATUS\/posts\/SP/,
      ),
    });
    expect(fake.writes[3].body).toMatchObject({
      post: {
        title: 'Cards declined',
        updates: [
          {
            message:
              'Card payments failed for 40 minutes.\n\nA release broke the card processor client.\n\nWe test releases against the processor sandbox.',
          },
        ],
      },
    });
    const afterPost = await get(`/incidents/${primaryId}/followups`);
    expect(
      (afterPost.body.items ?? afterPost.body).find(
        (f: any) => f.autoCompletion === 'status-page-updated',
      ),
    ).toMatchObject({ status: 'done' });
    expect(fake.violations).toEqual([]);
  });

  it('suggests the primary on-call of the affected service as post-mortem owner', async () => {
    fake.incidents.clear();
    const incident = fake.addIncident({
      serviceId: 'PCHECKOUT',
      createdAt: new Date(Date.now() - 3_600_000).toISOString(),
      title: 'Slow checkout',
    });
    fake.onCall.set('PCHECKOUT', ['jane@example.com', 'nobody@example.com']);
    const { scheduler, get } = await startBackend();
    await scheduler.triggerTask('incident-followups-sync-pagerduty');
    const { body } = await get(
      '/incidents?entityRef=component:default/checkout-api&includeGrouped=true',
    );
    const id = body.items.find(
      (i: any) => i.source.externalId === incident.id,
    ).id;

    const suggestions = await get(
      `/incidents/${id}/postmortem/owner-suggestions`,
    );

    expect(suggestions.body.items).toEqual([
      {
        userRef: 'user:default/jane',
        reason:
          'Primary on-call in PagerDuty for component:default/checkout-api, the most affected service',
      },
    ]);
    expect(fake.violations).toEqual([]);
  });
});
