export interface Config {
  incidentFollowups?: {
    /**
     * The Jira that action items become issues in. The project comes from the
     * owning entity's `jira/project-key` annotation.
     */
    jira?: {
      /** Such as https://example.atlassian.net or https://jira.example.com. */
      baseUrl: string;
      /**
       * `cloud` (REST v3, Atlassian Document Format, account ids; the default) or
       * `datacenter` (REST v2, wiki text, user names).
       */
      deployment?: 'cloud' | 'datacenter';
      /** Cloud: the account the API token belongs to. */
      email?: string;
      /**
       * Cloud: an API token (sent with `email` as basic auth). Data Center: a
       * personal access token (sent as a bearer token).
       * @visibility secret
       */
      apiToken: string;
      /** The issue type of new issues; default Task. */
      issueType?: string;
    };
  };
}
