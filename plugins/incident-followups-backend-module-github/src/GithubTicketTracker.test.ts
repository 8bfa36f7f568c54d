import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { TicketTrackerError } from '@incident-followups/plugin-incident-followups-node';
import { GithubTicketTracker } from './GithubTicketTracker';
import { FakeGithubServer } from './testUtils/FakeGithubServer';

const ticket = {
  destination: 'acme/checkout',
  title: 'Alert on gateway latency',
  description: 'Page when p99 is high.',
  labels: ['sev1', 'sev1_20261102', 'followup-1'],
  marker: 'followup-1',
  links: [],
};

const bob: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'bob', annotations: { 'github.com/user-login': 'bob-gh' } },
  spec: {},
};

function trackerFor(github: FakeGithubServer, token: string) {
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        github: [{ host: 'github.com', apiBaseUrl: github.baseUrl, token }],
      },
    }),
  );
  return new GithubTicketTracker(
    integrations.github.byHost('github.com')!.config,
    DefaultGithubCredentialsProvider.fromIntegrations(integrations),
  );
}

describe('GithubTicketTracker', () => {
  let github: FakeGithubServer;
  let tracker: GithubTicketTracker;

  beforeEach(async () => {
    github = await new FakeGithubServer({
      token: 'ghp_secret',
      repos: ['acme/checkout'],
      users: ['bob-gh'],
    }).start();
    tracker = trackerFor(github, 'ghp_secret');
  });
  afterEach(() => github.stop());

  it('creates the issue with the labels and the owner, with the integration token', async () => {
    expect(await tracker.createTicket({ ...ticket, assignee: bob })).toEqual({
      key: '1',
      url: 'https://github.com/acme/checkout/issues/1',
      state: 'open',
    });
    expect(github.issues[0]).toMatchObject({
      title: 'Alert on gateway latency',
      body: 'Page when p99 is high.',
      labels: ['sev1', 'sev1_20261102', 'followup-1'],
      assignees: ['bob-gh'],
    });
    expect(github.requests[0].authorization).toMatch(/ghp_secret$/);
  });

  it('finds an issue by its marker label, closed ones too, and reads its state', async () => {
    expect(
      await tracker.findTicket('acme/checkout', 'followup-1'),
    ).toBeUndefined();
    await tracker.createTicket(ticket);
    github.setState('acme/checkout', 1, 'closed');
    expect(
      await tracker.findTicket('acme/checkout', 'followup-1'),
    ).toMatchObject({
      key: '1',
      state: 'closed',
    });
    github.setState('acme/checkout', 1, 'open');
    expect(await tracker.readTicket('acme/checkout', '1')).toMatchObject({
      state: 'open',
    });
  });

  it("passes GitHub's refusals on in GitHub's words", async () => {
    await expect(
      tracker.createTicket({ ...ticket, destination: 'acme/missing' }),
    ).rejects.toThrow(
      new TicketTrackerError(
        '404 Not Found: Not Found (the repository acme/missing does not exist or the integrations.github credentials cannot see it)',
        404,
      ),
    );
    github.failNext(
      403,
      {
        message: 'API rate limit exceeded for installation ID 1.',
        documentation_url:
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      },
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1795000000' },
    );
    await expect(tracker.createTicket(ticket)).rejects.toMatchObject({
      status: 403,
      message:
        '403 Forbidden: API rate limit exceeded for installation ID 1. (rate limit reached until 2026-11-18T11:06:40.000Z)',
    });
    await expect(
      tracker.createTicket({
        ...ticket,
        assignee: {
          ...bob,
          metadata: {
            name: 'x',
            annotations: { 'github.com/user-login': 'ghost' },
          },
        },
      }),
    ).rejects.toMatchObject({
      status: 422,
      message: '422 Unprocessable Entity: Validation Failed; assignees invalid',
    });
    await expect(
      trackerFor(github, 'wrong').createTicket(ticket),
    ).rejects.toMatchObject({
      status: 401,
      message: '401 Unauthorized: Bad credentials',
    });
    expect(github.issues).toHaveLength(0);
  });

  it.each([
    ['acme/checkout', 'acme/checkout'],
    ['acme/check.out-2', 'acme/check.out-2'],
    ['acme/checkout/extra', undefined],
    ['../etc', undefined],
    [undefined, undefined],
  ])('reads the project slug %p as %p', (slug, expected) => {
    expect(
      tracker.destinationOf({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'c',
          annotations: slug ? { 'github.com/project-slug': slug } : {},
        },
      }),
    ).toBe(expected);
  });
});
