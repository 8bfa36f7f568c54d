/*
 * The demo's Jira: the Jira module's fake Jira Cloud (the one its tests use) on
 * 127.0.0.1:7008, with the project PAY that the demo's checkout-api names in its
 * jira/project-key annotation. app-config.yaml points incidentFollowups.jira at
 * it. Run with `yarn fake-jira` (Node runs the TypeScript as it is).
 */
import { FakeJiraServer } from '../plugins/incident-followups-backend-module-jira/src/testUtils/FakeJiraServer.ts';

const port = Number(process.env.FAKE_JIRA_PORT ?? 7008);
const jira = await new FakeJiraServer({
  deployment: 'cloud',
  authorization: `Basic ${Buffer.from('demo@example.com:demo-token').toString(
    'base64',
  )}`,
  projects: ['PAY'],
}).start(port);
console.log(`Fake Jira Cloud on ${jira.baseUrl} (project PAY)`);
