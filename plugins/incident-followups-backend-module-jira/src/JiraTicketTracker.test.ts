import { Entity } from '@backstage/catalog-model';
import { TicketTrackerError } from '@incident-followups/plugin-incident-followups-node';
import { JiraTicketTracker } from './JiraTicketTracker';
import { FakeJiraServer } from './testUtils/FakeJiraServer';

const bob: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'bob' },
  spec: { profile: { email: 'Bob@example.com' } },
};

const ticket = {
  destination: 'PAY',
  title: 'Alert on gateway latency',
  description:
    'Page when p99 is high.\n\nIncident: https://portal.example.com/incident-followups/incidents/1',
  labels: ['sev1', 'sev1_20261102', 'followup-1'],
  marker: 'followup-1',
  links: [],
};

describe.each([
  [
    'cloud',
    `Basic ${Buffer.from('bot@example.com:secret').toString('base64')}`,
  ],
  ['datacenter', 'Bearer secret'],
] as const)('JiraTicketTracker on Jira %s', (deployment, authorization) => {
  let jira: FakeJiraServer;
  let tracker: JiraTicketTracker;

  beforeEach(async () => {
    jira = await new FakeJiraServer({
      deployment,
      authorization,
      projects: ['PAY'],
      users: [
        {
          accountId: '5b10ac8d82e05b22cc7d4ef5',
          name: 'bob',
          emailAddress: 'bob@example.com',
        },
      ],
    }).start();
    tracker = new JiraTicketTracker({
      baseUrl: jira.baseUrl,
      deployment,
      email: 'bot@example.com',
      apiToken: 'secret',
      issueType: 'Task',
    });
  });
  afterEach(() => jira.stop());

  it('creates the issue in the project with the labels, the description and the owner', async () => {
    const created = await tracker.createTicket({ ...ticket, assignee: bob });
    expect(created).toEqual({
      key: 'PAY-1',
      url: `${jira.baseUrl}/browse/PAY-1`,
      state: 'open',
    });
    const [issue] = jira.issues;
    expect(issue.fields).toMatchObject({
      project: { key: 'PAY' },
      summary: 'Alert on gateway latency',
      labels: ['sev1', 'sev1_20261102', 'followup-1'],
      issuetype: { name: 'Task' },
      assignee:
        deployment === 'cloud'
          ? { accountId: '5b10ac8d82e05b22cc7d4ef5' }
          : { name: 'bob' },
    });
    const description =
      deployment === 'cloud'
        ? {
            type: 'doc',
            version: 1,
            content: [
              {
                type: 'paragraph',
                content: [{ type: 'text', text: 'Page when p99 is high.' }],
              },
              {
                type: 'paragraph',
                content: [
                  { type: 'text', text: 'Incident: ' },
                  {
                    type: 'text',
                    text: 'https://portal.example.com/incident-followups/incidents/1',
                    marks: [
                      {
                        type: 'link',
                        attrs: {
                          href: 'https://portal.example.com/incident-followups/incidents/1',
                        },
                      },
                    ],
                  },
                ],
              },
            ],
          }
        : ticket.description;
    expect(issue.fields.description).toEqual(description);
  });

  it('leaves the issue unassigned when Jira does not know the owner or will not say', async () => {
    jira.failNext(
      403,
      { errorMessages: ['Browse users permission required'] },
      { path: '/user/search' },
    );
    await tracker.createTicket({ ...ticket, assignee: bob });
    expect(jira.issues[0].fields.assignee).toBeNull();
  });

  it('leaves the issue unassigned when Jira has no user of that email', async () => {
    await tracker.createTicket({
      ...ticket,
      assignee: { ...bob, spec: { profile: { email: 'nobody@example.com' } } },
    });
    expect(jira.issues[0].fields.assignee).toBeNull();
  });

  it('finds an issue by its marker label and reads its state', async () => {
    expect(await tracker.findTicket('PAY', 'followup-1')).toBeUndefined();
    await tracker.createTicket(ticket);
    expect(await tracker.findTicket('PAY', 'followup-1')).toMatchObject({
      key: 'PAY-1',
      state: 'open',
    });
    jira.setDone('PAY-1', true);
    expect(await tracker.readTicket('PAY', 'PAY-1')).toMatchObject({
      state: 'closed',
    });
    jira.setDone('PAY-1', false);
    expect(await tracker.readTicket('PAY', 'PAY-1')).toMatchObject({
      state: 'open',
    });
  });

  it("passes Jira's refusals on in Jira's words", async () => {
    await expect(
      tracker.createTicket({ ...ticket, destination: 'NOPE' }),
    ).rejects.toThrow(
      new TicketTrackerError(
        '400 Bad Request: project: valid project is required',
        400,
      ),
    );

    jira.failNext(
      429,
      { errorMessages: ['Rate limit exceeded.'] },
      { headers: { 'Retry-After': '30' } },
    );
    await expect(tracker.createTicket(ticket)).rejects.toMatchObject({
      status: 429,
      message:
        '429 Too Many Requests: Rate limit exceeded. (retry after 30 seconds)',
    });

    const wrongToken = new JiraTicketTracker({
      baseUrl: jira.baseUrl,
      deployment,
      email: 'bot@example.com',
      apiToken: 'wrong',
      issueType: 'Task',
    });
    await expect(wrongToken.createTicket(ticket)).rejects.toMatchObject({
      status: 401,
      message:
        '401 Unauthorized: Client must be authenticated to access this resource.',
    });
    expect(jira.issues).toHaveLength(0);
  });

  it('says so when Jira does not answer', async () => {
    await jira.stop();
    await expect(tracker.createTicket(ticket)).rejects.toThrow(
      /^Jira at http:\/\/127\.0\.0\.1:\d+ did not answer/,
    );
    jira = await new FakeJiraServer({
      deployment,
      authorization,
      projects: [],
    }).start();
  });
});

describe('JiraTicketTracker.destinationOf', () => {
  const tracker = new JiraTicketTracker({
    baseUrl: 'https://example.atlassian.net',
    deployment: 'cloud',
    email: 'bot@example.com',
    apiToken: 'secret',
    issueType: 'Task',
  });
  const entity = (key?: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      annotations: key ? { 'jira/project-key': key } : {},
    },
  });

  it.each([
    ['PAY', 'PAY'],
    [' pay ', 'PAY'],
    ['OPS_2', 'OPS_2'],
    ['PAY" OR project = "X', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads %p as %p', (annotation, expected) => {
    expect(tracker.destinationOf(entity(annotation))).toBe(expected);
  });
});
