import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  MARKDOWN_SECTIONS,
  Page,
  POSTMORTEM_SEARCH_TYPE,
  PostmortemListItem,
  PostmortemSearchDocument,
  incidentReadPermission,
} from '@incident-followups/plugin-incident-followups-common';
import removeMarkdown from 'remove-markdown';
import { Readable } from 'node:stream';

/** The sections a search finds; the internal email stays out of the index. */
const INDEXED_SECTIONS = MARKDOWN_SECTIONS.filter(
  s => s.key !== 'internalEmail',
);

const DEFAULT_PAGE_SIZE = 500;

/** A post-mortem as a search document. */
export function toSearchDocument(
  postmortem: PostmortemListItem,
): PostmortemSearchDocument {
  const text = INDEXED_SECTIONS.map(section => {
    const value = removeMarkdown(postmortem.content[section.key]).trim();
    return value ? `${section.title}: ${value}` : '';
  })
    .filter(Boolean)
    .join('\n\n');
  return {
    title: `Post-mortem: ${postmortem.incidentTitle}`,
    text,
    location: `/incident-followups/incidents/${postmortem.incidentId}/postmortem`,
    incidentId: postmortem.incidentId,
    severity: postmortem.incidentSeverity,
    status: postmortem.status,
    ownerRef: postmortem.ownerRef,
    entityRefs: postmortem.entityRefs,
    teamRefs: postmortem.ownerRefs,
    date: postmortem.incidentResolvedAt ?? postmortem.createdAt,
    authorization: { resourceRef: postmortem.incidentId },
  };
}

/**
 * Collates every post-mortem for Backstage search, page by page from the
 * incident-followups backend, as the search plugin's own service.
 */
export class PostmortemCollatorFactory implements DocumentCollatorFactory {
  readonly type = POSTMORTEM_SEARCH_TYPE;
  /** Search shows a post-mortem only to those who may read its incident. */
  readonly visibilityPermission = incidentReadPermission;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      /** Post-mortems read per request; default 500. */
      pageSize?: number;
    },
  ) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<PostmortemSearchDocument> {
    const { discovery, auth } = this.options;
    const baseUrl = await discovery.getBaseUrl('incident-followups');
    let cursor: string | null = null;
    do {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'incident-followups',
      });
      const url = new URL(`${baseUrl}/postmortems`);
      url.searchParams.set(
        'limit',
        String(this.options.pageSize ?? DEFAULT_PAGE_SIZE),
      );
      if (cursor) url.searchParams.set('cursor', cursor);
      const response = await fetch(url, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      const page = (await response.json()) as Page<PostmortemListItem>;
      for (const postmortem of page.items) {
        yield toSearchDocument(postmortem);
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
}
