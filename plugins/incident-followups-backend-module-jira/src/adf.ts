/**
 * A plain-text description as Atlassian Document Format (Jira Cloud REST v3):
 * one paragraph per blank-line-separated block, URLs as links.
 */
export function toAdf(text: string) {
  return {
    type: 'doc',
    version: 1,
    content: text.split(/\n{2,}/).map(block => ({
      type: 'paragraph',
      content: block
        .split(/(https?:\/\/\S+)/)
        .filter(Boolean)
        .map(part =>
          /^https?:\/\//.test(part)
            ? {
                type: 'text',
                text: part,
                marks: [{ type: 'link', attrs: { href: part } }],
              }
            : { type: 'text', text: part },
        ),
    })),
  };
}
