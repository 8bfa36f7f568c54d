import { Severity } from '../severity';

/** @public */
export const POSTMORTEM_STATUSES = [
  'draft',
  'in-review',
  'reviewed',
  'closed',
] as const;
/** @public */
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

/** @public */
export const POSTMORTEM_STATUS_TITLES: Record<PostmortemStatus, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  reviewed: 'Reviewed',
  closed: 'Closed',
};

/** The impact figures of the template; null where nobody has counted yet. @public */
export interface PostmortemImpact {
  sev1Minutes: number | null;
  sev2Minutes: number | null;
  notificationsOutOfSla: number | null;
  eventsDropped: number | null;
  accountsAffected: number | null;
  usersAffected: number | null;
  supportRequests: number | null;
}

/** @public */
export const IMPACT_FIELDS: { key: keyof PostmortemImpact; title: string }[] = [
  { key: 'sev1Minutes', title: 'Time in SEV-1 (minutes)' },
  { key: 'sev2Minutes', title: 'Time in SEV-2 (minutes)' },
  { key: 'notificationsOutOfSla', title: 'Notifications out of SLA' },
  { key: 'eventsDropped', title: 'Events dropped' },
  { key: 'accountsAffected', title: 'Accounts affected' },
  { key: 'usersAffected', title: 'Users affected' },
  { key: 'supportRequests', title: 'Support requests' },
];

/** One row of the post-mortem's timeline. @public */
export interface TimelineRow {
  id: string;
  /** ISO 8601, shown in UTC. */
  at: string;
  event: string;
  link: string | null;
}

/** The message for the status page, once there is one. @public */
export interface ExternalMessage {
  summary: string;
  whatHappened: string;
  whatWeAreDoing: string;
}

/**
 * The template's sections. Text sections are Markdown.
 *
 * @public
 */
export interface PostmortemContent {
  overview: string;
  whatHappened: string;
  contributingFactors: string;
  resolution: string;
  impact: PostmortemImpact;
  timeline: TimelineRow[];
  whatWentWell: string;
  whatDidntGoWell: string;
  internalEmail: string;
  externalMessage: ExternalMessage;
  callRecordingUrl: string | null;
}

/** @public */
export const MARKDOWN_SECTIONS: {
  key:
    | 'overview'
    | 'whatHappened'
    | 'contributingFactors'
    | 'resolution'
    | 'whatWentWell'
    | 'whatDidntGoWell'
    | 'internalEmail';
  title: string;
  hint: string;
}[] = [
  {
    key: 'overview',
    title: 'Overview',
    hint: 'What happened, in two or three sentences, for someone who was not there.',
  },
  {
    key: 'whatHappened',
    title: 'What happened',
    hint: 'The story of the incident, from the first sign to the end.',
  },
  {
    key: 'contributingFactors',
    title: 'Contributing factors',
    hint: 'The conditions that allowed it to happen. Systems and processes, never people.',
  },
  {
    key: 'resolution',
    title: 'Resolution',
    hint: 'What ended the impact.',
  },
  { key: 'whatWentWell', title: 'What went well', hint: '' },
  { key: 'whatDidntGoWell', title: "What didn't go so well", hint: '' },
  {
    key: 'internalEmail',
    title: 'Internal email',
    hint: 'Sent to the stakeholders after the meeting.',
  },
];

/** @public */
export function emptyPostmortemContent(): PostmortemContent {
  return {
    overview: '',
    whatHappened: '',
    contributingFactors: '',
    resolution: '',
    impact: {
      sev1Minutes: null,
      sev2Minutes: null,
      notificationsOutOfSla: null,
      eventsDropped: null,
      accountsAffected: null,
      usersAffected: null,
      supportRequests: null,
    },
    timeline: [],
    whatWentWell: '',
    whatDidntGoWell: '',
    internalEmail: '',
    externalMessage: { summary: '', whatHappened: '', whatWeAreDoing: '' },
    callRecordingUrl: null,
  };
}

/**
 * Stored content (JSON) merged over the empty template, so that content stored
 * before a section existed gains it.
 *
 * @public
 */
export function parsePostmortemContent(json: string): PostmortemContent {
  const empty = emptyPostmortemContent();
  const stored = JSON.parse(json) as Partial<PostmortemContent>;
  return {
    ...empty,
    ...stored,
    impact: { ...empty.impact, ...stored.impact },
    externalMessage: { ...empty.externalMessage, ...stored.externalMessage },
  };
}

/** True when the template holds a message for the status page. @public */
export function hasExternalMessage(content: PostmortemContent): boolean {
  const m = content.externalMessage;
  return Boolean(
    m.summary.trim() || m.whatHappened.trim() || m.whatWeAreDoing.trim(),
  );
}

/** A status change: who, when, from what to what. @public */
export interface PostmortemTransition {
  from: PostmortemStatus | null;
  to: PostmortemStatus;
  at: string;
  actorRef: string;
}

/** Where the meeting stands against its deadline. @public */
export type MeetingState =
  | 'held'
  | 'on-time'
  | 'at-risk'
  | 'late'
  | 'waiting-for-resolution';

/**
 * A post-mortem as the REST API returns it. Times are ISO 8601 strings in UTC.
 *
 * @public
 */
export interface Postmortem {
  id: string;
  incidentId: string;
  incidentTitle: string;
  incidentSeverity: Severity;
  incidentResolvedAt: string | null;
  status: PostmortemStatus;
  ownerRef: string;
  content: PostmortemContent;
  meetingScheduledFor: string | null;
  /** When the meeting must have happened, from the incident's resolution and severity. */
  meetingDeadline: string | null;
  meetingState: MeetingState;
  /** The people and groups invited; computed until someone edits the list. */
  invitees: string[];
  inviteesEdited: boolean;
  statusPagePostedAt: string | null;
  statusPagePostedBy: string | null;
  statusPageUrl: string | null;
  stakeholdersNotifiedAt: string | null;
  internalEmailSentAt: string | null;
  transitions: PostmortemTransition[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  version: number;
}

/**
 * A post-mortem in a list (`GET /postmortems`): without the invitees, with its
 * incident's affected entities and owning teams.
 *
 * @public
 */
export interface PostmortemListItem
  extends Omit<Postmortem, 'invitees' | 'inviteesEdited' | 'transitions'> {
  /** The entities the incident affected directly. */
  entityRefs: string[];
  /** The teams that own them (not their parent groups). */
  ownerRefs: string[];
}

/** A person the portal suggests as owner, and why, in blameless words. @public */
export interface OwnerSuggestion {
  userRef: string;
  reason: string;
}

/** What the incident shows about its post-mortem. @public */
export interface PostmortemSummary {
  id: string;
  status: PostmortemStatus;
  ownerRef: string;
}
