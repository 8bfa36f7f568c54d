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
import { incidentFollowupsModuleJira } from './module';
import { FakeJiraServer } from './testUtils/FakeJiraServer';

jest.setTimeout(30_000);

const authorization = `Basic ${Buffer.from('bot@example.com:secret').toString(
  'base64',
)}`;

/** The plugin with this module against a Jira on loopback, as a portal would run them. */
async function start(jira: FakeJiraServer) {
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(): ServiceFactory;
  };
  const { server } = await startTestBackend({
    features: [
      incidentFollowupsPlugin,
      incidentFollowupsModuleJira,
      scheduler.factory(),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'https://portal.example.com' },
          incidentFollowups: {
            jira: {
              baseUrl: jira.baseUrl,
              email: 'bot@example.com',
              apiToken: 'secret',
            },
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
              annotations: { 'jira/project-key': 'PAY' },
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
            metadata: { name: 'dave', namespace: 'default' },
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

describe('the Jira module in the incident-followups backend', () => {
  let jira: FakeJiraServer;
  beforeEach(async () => {
    jira = await new FakeJiraServer({
      deployment: 'cloud',
      authorization,
      projects: ['PAY'],
      users: [
        {
          accountId: '712020:dave',
          name: 'dave',
          emailAddress: 'dave@example.com',
        },
      ],
    }).start();
  });
  afterEach(() => jira.stop());

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

  it('creates the Jira issue of an action item once, and follows it to done', async () => {
    const api = await start(jira);
    const { incident, item } = await actionItem(api);

    const created = await api.call('post', `/followups/${item.id}/ticket`);
    expect(created.status).toBe(201);
    expect(created.body.followup.ticketUrl).toBe(
      `${jira.baseUrl}/browse/PAY-1`,
    );
    expect(jira.issues).toHaveLength(1);
    expect(jira.issues[0].fields).toMatchObject({
      project: { key: 'PAY' },
      summary: 'Retry card authorisations with backoff',
      labels: ['sev2', 'sev2_20261124', `followup-${item.id}`],
      assignee: { accountId: '712020:dave' },
    });
    expect(JSON.stringify(jira.issues[0].fields.description)).toContain(
      `https://portal.example.com/incident-followups/incidents/${incident.id}`,
    );
    expect(
      (await api.call('post', `/followups/${item.id}/ticket`)).status,
    ).toBe(200);
    expect(jira.issues).toHaveLength(1);

    jira.setDone('PAY-1', true);
    await api.scheduler.triggerTask('incident-followups-ticket-status');
    const { body } = await api.call(
      'get',
      `/incidents/${incident.id}/followups`,
    );
    expect(body.items.find((f: any) => f.id === item.id)).toMatchObject({
      status: 'done',
      completedBy: 'ticket-tracker:jira',
    });
  });

  it("shows Jira's refusal and creates the issue on the retry", async () => {
    const api = await start(jira);
    const { item } = await actionItem(api);
    jira.failNext(
      401,
      {
        errorMessages: [
          'You are not authenticated. Authentication required to perform this operation.',
        ],
      },
      { path: '/issue' },
    );

    const refused = await api.call('post', `/followups/${item.id}/ticket`);
    expect(refused.status).toBe(503);
    expect(refused.body.error.message).toBe(
      'jira did not create the ticket (HTTP 401): 401 Unauthorized: You are not authenticated. Authentication required to perform this operation. Nothing was lost; try again.',
    );
    expect(
      (await api.call('post', `/followups/${item.id}/ticket`)).status,
    ).toBe(201);
    expect(jira.issues).toHaveLength(1);
  });
});
