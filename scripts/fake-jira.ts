/*
 * The demo's Jira: the Jira module's fake Jira Cloud (the one its tests use) on
 * 127.0.0.1:7008, with the projects that the demo's checkout-api (PAY) and
 * alerting-pipeline (OPS) name in their jira/project-key annotations, and some
 * of the demo's people as Jira users. app-config.fake-jira.yaml points
 * incidentFollowups.jira at it. Run with `yarn fake-jira` (Node runs the
 * TypeScript as it is); the end-to-end tests start it themselves.
 */
import { FakeJiraServer } from '../plugins/incident-followups-backend-module-jira/src/testUtils/FakeJiraServer.ts';

const port = Number(process.env.FAKE_JIRA_PORT ?? 7008);
const jira = await new FakeJiraServer({
  deployment: 'cloud',
  authorization: `Basic ${Buffer.from('demo@example.com:demo-token').toString(
    'base64',
  )}`,
  projects: ['PAY', 'OPS'],
  users: ['guest', 'dave', 'erin', 'bob'].map(name => ({
    accountId: `712020:${name}`,
    name,
    emailAddress: `${name}@example.com`,
  })),
}).start(port);
console.log(`Fake Jira Cloud on ${jira.baseUrl} (projects PAY, OPS)`);
