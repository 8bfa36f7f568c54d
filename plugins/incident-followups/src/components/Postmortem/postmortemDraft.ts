import {
  Postmortem,
  PostmortemContent,
} from '@incident-followups/plugin-incident-followups-common';
import { PostmortemChanges } from '../../api';

/** What the editor changes and autosaves: the template, the meeting time and the invitees. */
export interface PostmortemDraft {
  content: PostmortemContent;
  meetingScheduledFor: string | null;
  /** Null: the computed list. */
  invitees: string[] | null;
}

/** A field someone else changed while this editor changed it too. */
export interface DraftConflict {
  field: DraftField;
  theirs: unknown;
  mine: unknown;
}

export type DraftField =
  | `content.${keyof PostmortemContent}`
  | 'meetingScheduledFor'
  | 'invitees';

export function toDraft(postmortem: Postmortem): PostmortemDraft {
  return {
    content: postmortem.content,
    meetingScheduledFor: postmortem.meetingScheduledFor,
    invitees: postmortem.inviteesEdited ? postmortem.invitees : null,
  };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function fields(draft: PostmortemDraft): [DraftField, unknown][] {
  return [
    ...Object.entries(draft.content).map(
      ([key, value]) =>
        [`content.${key}` as DraftField, value] as [DraftField, unknown],
    ),
    ['meetingScheduledFor', draft.meetingScheduledFor],
    ['invitees', draft.invitees],
  ];
}

function read(draft: PostmortemDraft, field: DraftField): unknown {
  if (field.startsWith('content.')) {
    return draft.content[field.slice(8) as keyof PostmortemContent];
  }
  return draft[field as 'meetingScheduledFor' | 'invitees'];
}

export function withField(
  draft: PostmortemDraft,
  field: DraftField,
  value: unknown,
): PostmortemDraft {
  if (field.startsWith('content.')) {
    return {
      ...draft,
      content: { ...draft.content, [field.slice(8)]: value },
    };
  }
  return { ...draft, [field]: value };
}

/** The fields of `draft` that differ from `base`, as the PATCH body carries them. */
export function draftChanges(
  base: PostmortemDraft,
  draft: PostmortemDraft,
): Omit<PostmortemChanges, 'version'> | undefined {
  const changed = fields(draft).filter(
    ([field, value]) => !same(value, read(base, field)),
  );
  if (changed.length === 0) return undefined;
  const changes: Omit<PostmortemChanges, 'version'> = {};
  for (const [field, value] of changed) {
    if (field.startsWith('content.')) {
      changes.content = { ...changes.content, [field.slice(8)]: value };
    } else if (field === 'meetingScheduledFor') {
      changes.meetingScheduledFor = value as string | null;
    } else {
      changes.invitees = value as string[] | null;
    }
  }
  return changes;
}

/**
 * Three-way merge of this editor's draft with a newer save by someone else, field
 * by field: a field only one side changed takes that side; a field both changed
 * differently keeps this editor's text and is reported, so nothing is overwritten
 * without the user seeing it.
 */
export function mergeDrafts(
  base: PostmortemDraft,
  mine: PostmortemDraft,
  theirs: PostmortemDraft,
): { merged: PostmortemDraft; conflicts: DraftConflict[] } {
  let merged = theirs;
  const conflicts: DraftConflict[] = [];
  for (const [field, value] of fields(mine)) {
    const original = read(base, field);
    const their = read(theirs, field);
    if (same(value, original)) continue;
    merged = withField(merged, field, value);
    if (!same(their, original) && !same(their, value)) {
      conflicts.push({ field, theirs: their, mine: value });
    }
  }
  return { merged, conflicts };
}
