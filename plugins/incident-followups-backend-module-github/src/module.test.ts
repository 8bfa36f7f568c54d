import {
  createServiceFactory,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
// The module is tested inside the plugin it extends, as a portal runs them.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import incidentFollowupsPlugin from '@incident-followups/plugin-incident-followups-backend';
import request from 'supertest';
import { incidentFollowupsModuleGithub } from './module';
import { FakeGithubServer } from './testUtils/FakeGithubServer';

jest.setTimeout(30_000);

/** The plugin with this module against a Jira on loopback, as a portal would run them. */
async function start(
  github: FakeGithubServer,
  token: string | null = 'ghp_secret',
) {
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(): ServiceFactory;
  };
  const { server } = await startTestBackend({
    features: [
      incidentFollowupsPlugin,
      incidentFollowupsModuleGithub,
      scheduler.factory(),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'https://portal.example.com' },
          integrations: {
            github: [{ host: 'github.com', apiBaseUrl: github.baseUrl, token }],
          },
        },
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'checkout-api',
              namespace: 'default',
              annotations: { 'github.com/project-slug': 'acme/checkout' },
            },
            spec: {
              type: 'service',
              lifecycle: 'production',
              owner: 'payments',
            },
          },
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: { name: 'payments', namespace: 'default' },
            spec: { type: 'team', children: [] },
          },
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: {
              name: 'dave',
              namespace: 'default',
              annotations: { 'github.com/user-login': 'dave-gh' },
            },
            spec: {
              memberOf: ['payments'],
              profile: { email: 'dave@example.com' },
            },
          },
        ],
      }) as ServiceFactory,
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({ publish: async () => {} }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });
  const call = (method: 'get' | 'post', path: string, body?: object) => {
    const req = request(server)
      [method](`/api/incident-followups${path}`)
      .set('Authorization', mockCredentials.user.header('user:default/dave'));
    return body ? req.send(body) : req;
  };
  return { call, scheduler };
}

describe('the GitHub module in the incident-followups backend', () => {
  let github: FakeGithubServer;
  beforeEach(async () => {
    github = await new FakeGithubServer({
      token: 'ghp_secret',
      repos: ['acme/checkout'],
      users: ['dave-gh'],
    }).start();
  });
  afterEach(() => github.stop());

  async function actionItem(api: Awaited<ReturnType<typeof start>>) {
    const { body: incident } = await api.call('post', '/incidents', {
      title: 'Checkout failing',
      severity: 'SEV-2',
      finalSeverity: 'SEV-2',
      status: 'resolved',
      startedAt: '2026-11-24T22:40:00Z',
      resolvedAt: '2026-11-24T23:10:00Z',
      entityRefs: ['component:default/checkout-api'],
      responders: [
        { role: 'incident-commander', userRef: 'user:default/dave' },
      ],
    });
    const { body: item } = await api.call(
      'post',
      `/incidents/${incident.id}/followups`,
      {
        title: 'Retry card authorisations with backoff',
        kind: 'prevention',
        priority: 'P1',
        ownerRef: 'user:default/dave',
      },
    );
    return { incident, item };
  }

  it('creates the GitHub issue of an action item once, and follows it to done', async () => {
    const api = await start(github);
    const { incident, item } = await actionItem(api);

    const created = await api.call('post', `/followups/${item.id}/ticket`);
    expect(created.status).toBe(201);
    expect(created.body.followup.ticketUrl).toBe(
      'https://github.com/acme/checkout/issues/1',
    );
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]).toMatchObject({
      repo: 'acme/checkout',
      title: 'Retry card authorisations with backoff',
      labels: ['sev2', 'sev2_20261124', `followup-${item.id}`],
      assignees: ['dave-gh'],
    });
    expect(github.issues[0].body).toContain(
      `https://portal.example.com/incident-followups/incidents/${incident.id}`,
    );
    expect(
      (await api.call('post', `/followups/${item.id}/ticket`)).status,
    ).toBe(200);
    expect(github.issues).toHaveLength(1);

    github.setState('acme/checkout', 1, 'closed');
    await api.scheduler.triggerTask('incident-followups-ticket-status');
    const { body } = await api.call(
      'get',
      `/incidents/${incident.id}/followups`,
    );
    expect(body.items.find((f: any) => f.id === item.id)).toMatchObject({
      status: 'done',
      completedBy: 'ticket-tracker:github',
    });
  });

  it("shows GitHub's refusal and creates the issue on the retry", async () => {
    const api = await start(github);
    const { item } = await actionItem(api);
    github.failNext(
      403,
      { message: 'API rate limit exceeded for installation ID 1.' },
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1795000000' },
    );

    const refused = await api.call('post', `/followups/${item.id}/ticket`);
    expect(refused.status).toBe(503);
    expect(refused.body.error.message).toBe(
      'github did not create the ticket (HTTP 403): 403 Forbidden: API rate limit exceeded for installation ID 1. (rate limit reached until 2026-11-18T11:06:40.000Z). Nothing was lost; try again.',
    );
    expect(
      (await api.call('post', `/followups/${item.id}/ticket`)).status,
    ).toBe(201);
    expect(github.issues).toHaveLength(1);
  });

  it('stays off without a token, and the button says what to set up', async () => {
    const api = await start(github, null);
    const { item } = await actionItem(api);
    const response = await api.call('post', `/followups/${item.id}/ticket`);
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/^No ticket tracker is set up/);
    expect(github.requests).toHaveLength(0);
  });
});
