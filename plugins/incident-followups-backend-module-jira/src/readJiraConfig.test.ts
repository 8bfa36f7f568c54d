import { ConfigReader } from '@backstage/config';
import { readJiraConfig } from './readJiraConfig';

describe('readJiraConfig', () => {
  it('is undefined without incidentFollowups.jira', () => {
    expect(readJiraConfig(new ConfigReader({}))).toBeUndefined();
  });

  it('fills in the defaults and trims the base URL', () => {
    expect(
      readJiraConfig(
        new ConfigReader({
          incidentFollowups: {
            jira: {
              baseUrl: 'https://example.atlassian.net/',
              email: 'bot@example.com',
              apiToken: 'secret',
            },
          },
        }),
      ),
    ).toEqual({
      baseUrl: 'https://example.atlassian.net',
      deployment: 'cloud',
      email: 'bot@example.com',
      apiToken: 'secret',
      issueType: 'Task',
    });
  });

  it.each([
    [
      { baseUrl: 'example', apiToken: 'x', deployment: 'datacenter' },
      'incidentFollowups.jira.baseUrl: must be a URL such as https://example.atlassian.net',
    ],
    [
      { baseUrl: 'https://example.atlassian.net', apiToken: 'x' },
      'incidentFollowups.jira.email: is required for Jira Cloud (the account of the API token)',
    ],
    [
      {
        baseUrl: 'https://jira.example.com',
        apiToken: 'x',
        deployment: 'server',
      },
      /^incidentFollowups\.jira\.deployment: /,
    ],
  ])('names the field that is wrong in %p', (jira, message) => {
    expect(() =>
      readJiraConfig(new ConfigReader({ incidentFollowups: { jira } })),
    ).toThrow(message);
  });
});
