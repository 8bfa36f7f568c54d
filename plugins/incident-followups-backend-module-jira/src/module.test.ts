import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
// The module is tested inside the plugin it extends, as a portal runs them.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import incidentFollowupsPlugin from '@incident-followups/plugin-incident-followups-backend';
import {
  checkoutCatalog,
  createIncidentWithActionItem,
  startIncidentFollowupsTestBackend,
} from '@incident-followups/plugin-incident-followups-node/testUtils';
import { incidentFollowupsModuleJira } from './module';
import { FakeJiraServer } from './testUtils/FakeJiraServer';

jest.setTimeout(30_000);

const authorization = `Basic ${Buffer.from('bot@example.com:secret').toString(
  'base64',
)}`;

/** The plugin with this module against a Jira on loopback, as a portal would run them. */
async function start(jira: FakeJiraServer) {
  const { callAs, scheduler } = await startIncidentFollowupsTestBackend({
    features: [
      incidentFollowupsPlugin,
      incidentFollowupsModuleJira,
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
    config: {
      app: { baseUrl: 'https://portal.example.com' },
      incidentFollowups: {
        jira: {
          baseUrl: jira.baseUrl,
          email: 'bot@example.com',
          apiToken: 'secret',
        },
      },
    },
    entities: checkoutCatalog({
      serviceAnnotations: { 'jira/project-key': 'PAY' },
      member: { name: 'dave' },
    }),
  });
  return { call: callAs('user:default/dave'), scheduler };
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

  it('creates the Jira issue of an action item once, and follows it to done', async () => {
    const api = await start(jira);
    const { incident, item } = await createIncidentWithActionItem(
      api.call,
      'user:default/dave',
    );

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
    const { item } = await createIncidentWithActionItem(
      api.call,
      'user:default/dave',
    );
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
