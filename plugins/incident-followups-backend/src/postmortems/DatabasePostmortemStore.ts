import { writeHistory } from '../database/writeHistory';
import {
  changedSections,
  postmortemHistory,
  recordPostmortemEdit,
} from './postmortemHistory';
import { whereReadable } from '../database/incidentReadFilter';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ChatProposal,
  Page,
  parsePostmortemContent,
  PostmortemContent,
  PostmortemStatus,
  Severity,
} from '@incident-followups/plugin-incident-followups-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  DbTimestamp,
  toDateOrNull,
  toIsoString,
  toIsoStringOrNull,
} from '../database/tables';
import { countRows, listTotal, readPage } from '../database/cursor';
import {
  PostmortemChanges,
  PostmortemListQuery,
  PostmortemRecord,
  PostmortemWriteHook,
  StoredChatProposal,
} from './PostmortemStore';

interface PostmortemRow {
  id: string;
  incident_id: string;
  incident_title: string;
  incident_severity: string;
  incident_resolved_at: DbTimestamp | null;
  status: string;
  owner_ref: string;
  content: string;
  meeting_scheduled_for: DbTimestamp | null;
  invitees: string | null;
  meeting_reminder_for: DbTimestamp | null;
  status_page_posted_at: DbTimestamp | null;
  status_page_posted_by: string | null;
  status_page_url: string | null;
  stakeholders_notified_at: DbTimestamp | null;
  internal_email_sent_at: DbTimestamp | null;
  created_at: DbTimestamp;
  created_by: string;
  updated_at: DbTimestamp;
  version: number;
}

interface TransitionRow {
  postmortem_id: string;
  from_status: string | null;
  to_status: string;
  at: DbTimestamp;
  actor_ref: string;
}

interface ProposalRow {
  postmortem_id: string;
  proposal_key: string;
  kind: string;
  at: DbTimestamp;
  author: string;
  text: string;
  decision: string;
  decided_by: string | null;
  decided_at: DbTimestamp | null;
}

const COLUMNS: Record<keyof PostmortemChanges, string> = {
  status: 'status',
  ownerRef: 'owner_ref',
  content: 'content',
  meetingScheduledFor: 'meeting_scheduled_for',
  invitees: 'invitees',
  statusPagePostedAt: 'status_page_posted_at',
  statusPagePostedBy: 'status_page_posted_by',
  statusPageUrl: 'status_page_url',
  stakeholdersNotifiedAt: 'stakeholders_notified_at',
  internalEmailSentAt: 'internal_email_sent_at',
};

const TIME_COLUMNS = new Set([
  'meeting_scheduled_for',
  'status_page_posted_at',
  'stakeholders_notified_at',
  'internal_email_sent_at',
]);

function toColumnValue(column: string, value: unknown): unknown {
  if (TIME_COLUMNS.has(column)) return toDateOrNull(value as string | null);
  if (column === 'content') return JSON.stringify(value);
  if (column === 'invitees')
    return value === null ? null : JSON.stringify(value);
  return value;
}

/** Post-mortems with knex on SQLite, PostgreSQL or MySQL, next to their incidents. */
export class DatabasePostmortemStore {
  constructor(private readonly db: Knex) {}

  private select(
    db: Knex | Knex.Transaction,
    query: Knex.QueryBuilder = db('postmortems'),
  ) {
    return query
      .join('incidents', 'incidents.id', 'postmortems.incident_id')
      .select(
        'postmortems.*',
        'incidents.title as incident_title',
        'incidents.resolved_at as incident_resolved_at',
        db.raw(
          'coalesce(incidents.final_severity, incidents.severity) as incident_severity',
        ),
      );
  }

  private async toRecords(
    db: Knex | Knex.Transaction,
    rows: PostmortemRow[],
  ): Promise<PostmortemRecord[]> {
    if (rows.length === 0) return [];
    const transitions = await db<TransitionRow>('postmortem_transitions')
      .whereIn(
        'postmortem_id',
        rows.map(row => row.id),
      )
      .orderBy([
        { column: 'at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(row => ({
      id: row.id,
      incidentId: row.incident_id,
      incidentTitle: row.incident_title,
      incidentSeverity: row.incident_severity as Severity,
      incidentResolvedAt: toIsoStringOrNull(row.incident_resolved_at),
      status: row.status as PostmortemStatus,
      ownerRef: row.owner_ref,
      content: parsePostmortemContent(row.content),
      meetingScheduledFor: toIsoStringOrNull(row.meeting_scheduled_for),
      invitees: row.invitees === null ? null : JSON.parse(row.invitees),
      meetingReminderFor: toIsoStringOrNull(row.meeting_reminder_for),
      statusPagePostedAt: toIsoStringOrNull(row.status_page_posted_at),
      statusPagePostedBy: row.status_page_posted_by,
      statusPageUrl: row.status_page_url,
      stakeholdersNotifiedAt: toIsoStringOrNull(row.stakeholders_notified_at),
      internalEmailSentAt: toIsoStringOrNull(row.internal_email_sent_at),
      transitions: transitions
        .filter(t => t.postmortem_id === row.id)
        .map(t => ({
          from: t.from_status as PostmortemStatus | null,
          to: t.to_status as PostmortemStatus,
          at: toIsoString(t.at),
          actorRef: t.actor_ref,
        })),
      createdAt: toIsoString(row.created_at),
      createdBy: row.created_by,
      updatedAt: toIsoString(row.updated_at),
      version: row.version,
    }));
  }

  private async read(
    db: Knex | Knex.Transaction,
    where: Record<string, string>,
  ) {
    const rows = await this.select(db).where(where);
    return (await this.toRecords(db, rows))[0];
  }

  get(id: string): Promise<PostmortemRecord | undefined> {
    return this.read(this.db, { 'postmortems.id': id });
  }

  getByIncident(incidentId: string): Promise<PostmortemRecord | undefined> {
    return this.read(this.db, { 'postmortems.incident_id': incidentId });
  }

  /**
   * One page of post-mortems, oldest first, with their incidents' affected
   * entities and owning teams. `teamRef` matches the incidents a team owns,
   * through its child groups too.
   */
  async listPage(
    query: PostmortemListQuery,
  ): Promise<
    Page<PostmortemRecord & { entityRefs: string[]; ownerRefs: string[] }>
  > {
    const filtered = this.db('postmortems');
    if (query.ownerRef) filtered.where('postmortems.owner_ref', query.ownerRef);
    if (query.statuses?.length)
      filtered.whereIn('postmortems.status', query.statuses);
    if (query.teamRef)
      filtered.whereIn(
        'postmortems.incident_id',
        this.db('incident_owners')
          .select('incident_id')
          .where('owner_ref', query.teamRef),
      );
    if (query.entityRef)
      filtered.whereIn(
        'postmortems.incident_id',
        this.db('incident_entities')
          .select('incident_id')
          .where('entity_ref', query.entityRef),
      );
    whereReadable(this.db, filtered, query.readable, 'postmortems.incident_id');
    const page = await readPage<PostmortemRow>(
      this.select(this.db, filtered.clone()),
      {
        timeColumn: 'postmortems.created_at',
        idColumn: 'postmortems.id',
        order: 'asc',
        limit: query.limit,
        cursor: query.cursor,
        position: row => ({ at: toIsoString(row.created_at), id: row.id }),
      },
    );
    const { rows, nextCursor } = page;
    const incidentIds = rows.map(row => row.incident_id);
    const [records, entities, owners, totalCount] = await Promise.all([
      this.toRecords(this.db, rows),
      this.db('incident_entities')
        .whereIn('incident_id', incidentIds)
        .where('direct', true)
        .orderBy('entity_ref')
        .select('incident_id', 'entity_ref'),
      this.db('incident_owners')
        .whereIn('incident_id', incidentIds)
        .where('direct', true)
        .orderBy('owner_ref')
        .select('incident_id', 'owner_ref'),
      listTotal(page, query.cursor, () => countRows(filtered)),
    ]);
    return {
      items: records.map(record => ({
        ...record,
        entityRefs: entities
          .filter(e => e.incident_id === record.incidentId)
          .map(e => e.entity_ref),
        ownerRefs: owners
          .filter(o => o.incident_id === record.incidentId)
          .map(o => o.owner_ref),
      })),
      totalCount,
      nextCursor,
    };
  }

  /**
   * Stores a new post-mortem in Draft. An incident has one at most: a second one,
   * even from a racing request or another replica, gets a ConflictError.
   */
  async create(options: {
    incidentId: string;
    ownerRef: string;
    content: PostmortemContent;
    actorRef: string;
    onWrite?: PostmortemWriteHook;
  }): Promise<PostmortemRecord> {
    const id = randomUUID();
    const now = new Date();
    try {
      return await this.db.transaction(async tx => {
        await tx('postmortems').insert({
          id,
          incident_id: options.incidentId,
          status: 'draft',
          owner_ref: options.ownerRef,
          content: JSON.stringify(options.content),
          created_at: now,
          created_by: options.actorRef,
          updated_at: now,
          version: 1,
        });
        await tx('postmortem_transitions').insert({
          postmortem_id: id,
          from_status: null,
          to_status: 'draft',
          at: now,
          actor_ref: options.actorRef,
        });
        await writeHistory(tx, options.incidentId, options.actorRef, now, [
          { field: 'postmortemCreated', from: null, to: options.ownerRef },
        ]);
        const created = await this.read(tx, { 'postmortems.id': id });
        await options.onWrite?.(tx, created);
        return created;
      });
    } catch (error) {
      const existing = await this.getByIncident(options.incidentId);
      if (existing) {
        throw new ConflictError(
          `Incident ${options.incidentId} has a post-mortem already (${existing.id})`,
        );
      }
      throw error;
    }
  }

  /**
   * Applies a change planned from the post-mortem as it was at `version`, in one
   * transaction; a newer version in the database gets a ConflictError.
   */
  async update(
    id: string,
    options: {
      version: number | 'latest';
      plan: (current: PostmortemRecord) => PostmortemChanges;
      actorRef: string;
      onWrite?: PostmortemWriteHook;
    },
  ): Promise<PostmortemRecord> {
    return this.db.transaction(tx => this.updateIn(tx, id, options));
  }

  /** `update`, inside a transaction that the caller holds. */
  async updateIn(
    tx: Knex.Transaction,
    id: string,
    options: {
      version: number | 'latest';
      plan: (current: PostmortemRecord) => PostmortemChanges;
      actorRef: string;
      onWrite?: PostmortemWriteHook;
    },
  ): Promise<PostmortemRecord> {
    const current = await this.read(tx, { 'postmortems.id': id });
    if (!current) throw new NotFoundError(`No post-mortem with id ${id}`);
    const version =
      options.version === 'latest' ? current.version : options.version;
    if (current.version !== version) {
      throw new ConflictError(
        `Post-mortem ${id} was changed by someone else since version ${version} (it is at version ${current.version}); reload it and try again`,
      );
    }
    const changes = options.plan(current);
    const now = new Date();
    const update: Record<string, unknown> = {
      updated_at: now,
      version: current.version + 1,
    };
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      const column = COLUMNS[key as keyof PostmortemChanges];
      update[column] = toColumnValue(column, value);
    }
    const rescheduled =
      changes.meetingScheduledFor !== undefined &&
      (changes.meetingScheduledFor === null
        ? null
        : Date.parse(changes.meetingScheduledFor)) !==
        (current.meetingScheduledFor === null
          ? null
          : Date.parse(current.meetingScheduledFor));
    if (rescheduled) {
      update.meeting_reminder_for = null;
    }
    const updated = await tx('postmortems')
      .where({ id, version: current.version })
      .update(update);
    if (updated !== 1) {
      throw new ConflictError(
        `Post-mortem ${id} was changed by someone else meanwhile; reload it and try again`,
      );
    }
    if (changes.status && changes.status !== current.status) {
      await tx('postmortem_transitions').insert({
        postmortem_id: id,
        from_status: current.status,
        to_status: changes.status,
        at: now,
        actor_ref: options.actorRef,
      });
    }
    await writeHistory(
      tx,
      current.incidentId,
      options.actorRef,
      now,
      postmortemHistory(current, changes),
    );
    await recordPostmortemEdit(
      tx,
      current.incidentId,
      options.actorRef,
      now,
      changedSections(current, changes),
    );
    const written = await this.read(tx, { 'postmortems.id': id });
    await options.onWrite?.(tx, written);
    return written;
  }

  /**
   * Post-mortems whose meeting starts before `until` and whose owner was not
   * reminded of it; rescheduling clears the reminder.
   */
  async listMeetingsToRemind(
    now: Date,
    until: Date,
  ): Promise<PostmortemRecord[]> {
    const rows = await this.select(this.db)
      .whereIn('postmortems.status', ['draft', 'in-review'])
      .where('postmortems.meeting_scheduled_for', '>', now)
      .where('postmortems.meeting_scheduled_for', '<=', until)
      .whereNull('postmortems.meeting_reminder_for');
    return this.toRecords(this.db, rows);
  }

  /** Claims the reminder for this meeting time; false when another replica did already. */
  async claimMeetingReminder(id: string, meetingAt: string): Promise<boolean> {
    const at = new Date(meetingAt);
    const claimed = await this.db('postmortems')
      .where({ id, meeting_scheduled_for: at })
      .whereNull('meeting_reminder_for')
      .update({ meeting_reminder_for: at });
    return claimed === 1;
  }

  async releaseMeetingReminder(id: string): Promise<void> {
    await this.db('postmortems')
      .where({ id })
      .update({ meeting_reminder_for: null });
  }

  /** Stores proposals found in a chat import; those stored before are left as they are. */
  async addChatProposals(
    postmortemId: string,
    proposals: ChatProposal[],
  ): Promise<number> {
    if (proposals.length === 0) return 0;
    const before = await this.countProposals(postmortemId);
    const now = new Date();
    for (let i = 0; i < proposals.length; i += 200) {
      await this.db('postmortem_chat_proposals')
        .insert(
          proposals.slice(i, i + 200).map(p => ({
            postmortem_id: postmortemId,
            proposal_key: p.key,
            kind: p.kind,
            at: new Date(p.at),
            author: p.author,
            text: p.text,
            decision: 'pending',
            imported_at: now,
          })),
        )
        .onConflict(['postmortem_id', 'proposal_key'])
        .ignore();
    }
    return (await this.countProposals(postmortemId)) - before;
  }

  private async countProposals(postmortemId: string): Promise<number> {
    const [{ count }] = await this.db('postmortem_chat_proposals')
      .where({ postmortem_id: postmortemId })
      .count({ count: '*' });
    return Number(count);
  }

  async listChatProposals(postmortemId: string): Promise<StoredChatProposal[]> {
    const rows = await this.db<ProposalRow>('postmortem_chat_proposals')
      .where({ postmortem_id: postmortemId })
      .orderBy([
        { column: 'at', order: 'asc' },
        { column: 'proposal_key', order: 'asc' },
      ]);
    return rows.map(row => ({
      key: row.proposal_key,
      kind: row.kind as ChatProposal['kind'],
      at: toIsoString(row.at),
      author: row.author,
      text: row.text,
      decision: row.decision as StoredChatProposal['decision'],
      decidedBy: row.decided_by,
      decidedAt: toIsoStringOrNull(row.decided_at),
    }));
  }

  /**
   * Decides a pending proposal and runs `apply` (adding the action item or the
   * timeline row) in the same transaction; a proposal decided already is left alone.
   */
  async decideChatProposal(options: {
    postmortemId: string;
    key: string;
    decision: 'accepted' | 'dropped';
    actorRef: string;
    apply: (
      tx: Knex.Transaction,
      proposal: StoredChatProposal,
    ) => Promise<void>;
  }): Promise<StoredChatProposal> {
    const { postmortemId, key } = options;
    await this.db.transaction(async tx => {
      const row = await tx<ProposalRow>('postmortem_chat_proposals')
        .where({ postmortem_id: postmortemId, proposal_key: key })
        .first();
      if (!row) {
        throw new NotFoundError(
          `Post-mortem ${postmortemId} has no chat proposal ${key}`,
        );
      }
      if (row.decision !== 'pending') return;
      const now = new Date();
      const claimed = await tx('postmortem_chat_proposals')
        .where({
          postmortem_id: postmortemId,
          proposal_key: key,
          decision: 'pending',
        })
        .update({
          decision: options.decision,
          decided_by: options.actorRef,
          decided_at: now,
        });
      if (claimed !== 1 || options.decision === 'dropped') return;
      await options.apply(tx, {
        key,
        kind: row.kind as ChatProposal['kind'],
        at: toIsoString(row.at),
        author: row.author,
        text: row.text,
        decision: 'accepted',
        decidedBy: options.actorRef,
        decidedAt: now.toISOString(),
      });
    });
    const proposals = await this.listChatProposals(postmortemId);
    return proposals.find(p => p.key === key)!;
  }

  /** The post-mortem of each incident, for incident lists. */
  async summariesFor(
    incidentIds: string[],
  ): Promise<
    Map<string, { id: string; status: PostmortemStatus; ownerRef: string }>
  > {
    const rows =
      incidentIds.length === 0
        ? []
        : await this.db('postmortems')
            .whereIn('incident_id', incidentIds)
            .select('id', 'incident_id', 'status', 'owner_ref');
    return new Map(
      rows.map(row => [
        row.incident_id,
        { id: row.id, status: row.status, ownerRef: row.owner_ref },
      ]),
    );
  }
}
