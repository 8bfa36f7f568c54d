export interface Config {
  incidentFollowups?: {
    /**
     * GitHub Issues for action items. The repository comes from the owning
     * entity's `github.com/project-slug` annotation, the credentials from
     * `integrations.github`.
     */
    github?: {
      /** The `integrations.github` host the repositories are on; default github.com. */
      host?: string;
    };
  };
}
