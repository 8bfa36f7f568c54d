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
import { incidentFollowupsModuleGithub } from './module';
import { FakeGithubServer } from './testUtils/FakeGithubServer';

jest.setTimeout(30_000);

/** The plugin with this module against a GitHub on loopback, as a portal would run them. */
async function start(
  github: FakeGithubServer,
  token: string | null = 'ghp_secret',
) {
  const { callAs, scheduler } = await startIncidentFollowupsTestBackend({
    features: [
      incidentFollowupsPlugin,
      incidentFollowupsModuleGithub,
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
    config: {
      app: { baseUrl: 'https://portal.example.com' },
      integrations: {
        github: [{ host: 'github.com', apiBaseUrl: github.baseUrl, token }],
      },
    },
    entities: checkoutCatalog({
      serviceAnnotations: { 'github.com/project-slug': 'acme/checkout' },
      member: {
        name: 'dave',
        annotations: { 'github.com/user-login': 'dave-gh' },
      },
    }),
  });
  return { call: callAs('user:default/dave'), scheduler };
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

  it('creates the GitHub issue of an action item once, and follows it to done', async () => {
    const api = await start(github);
    const { incident, item } = await createIncidentWithActionItem(
      api.call,
      'user:default/dave',
    );

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
    const { item } = await createIncidentWithActionItem(
      api.call,
      'user:default/dave',
    );
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
    const { item } = await createIncidentWithActionItem(
      api.call,
      'user:default/dave',
    );
    const response = await api.call('post', `/followups/${item.id}/ticket`);
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/^No ticket tracker is set up/);
    expect(github.requests).toHaveLength(0);
  });
});
