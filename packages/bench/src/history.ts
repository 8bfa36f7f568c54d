import { emptyPostmortemContent } from '@incident-followups/plugin-incident-followups-common';
import { Organisation } from './organisation';
import { seededRandom, seededUuid } from './random';
import { Scale } from './scale';

export type Row = Record<string, string | number | boolean | Date | null>;

/** Rows of the plugin's tables for one batch of incidents. */
export type TableRows = Record<string, Row[]>;

const DAY = 24 * 3600 * 1000;
const YEARS = 3;
const SEVERITY_WEIGHTS: Array<[string, number]> = [
  ['SEV-1', 0.02],
  ['SEV-2', 0.08],
  ['SEV-3', 0.3],
  ['SEV-4', 0.4],
  ['SEV-5', 0.2],
];
const ROLE_STEPS: Array<[string, number]> = [
  ['incident-commander', 4],
  ['scribe', 2],
];
const KINDS = ['prevention', 'preparedness', 'postmortem-step', 'process'];

/**
 * The component of each incident, skewed: drawing `floor(n * r^3)` gives the first
 * components thousands of incidents and the long tail a handful each. A stream of
 * its own, so that the 10k history is the first tenth of the 100k one.
 */
export function incidentComponents(scale: Scale): Uint32Array {
  const random = seededRandom(11);
  const picks = new Uint32Array(scale.incidents);
  for (let i = 0; i < scale.incidents; i++) {
    picks[i] = Math.floor(scale.components * random() ** 3);
  }
  return picks;
}

function pick<T>(random: () => number, items: T[]): T {
  return items[Math.floor(random() * items.length)];
}

function severityOf(random: () => number): string {
  let r = random();
  for (const [severity, weight] of SEVERITY_WEIGHTS) {
    if (r < weight) return severity;
    r -= weight;
  }
  return 'SEV-5';
}

/**
 * The incident history in batches: incidents spread evenly over the last three
 * years, their affected component, owners (the component's team and its
 * ancestors), responders, followups (role steps and action items, mostly done
 * for old incidents, mostly open for recent ones) and post-mortems (for the
 * major ones, until the scale's count is reached).
 */
export function* incidentHistory(
  org: Organisation,
  scale: Scale,
  now: Date,
  batchSize: number,
): Generator<TableRows> {
  const random = seededRandom(13);
  const components = incidentComponents(scale);
  const start = now.getTime() - YEARS * 365 * DAY;
  const span = now.getTime() - DAY - start;
  const postmortemChance = scale.postmortems / (scale.incidents * 0.4);
  let postmortems = 0;
  let batch: TableRows = {};
  const add = (table: string, row: Row) => (batch[table] ??= []).push(row);
  for (let i = 0; i < scale.incidents; i++) {
    const id = seededUuid(random);
    const component = org.components[components[i]];
    const team = component.owner;
    const people = org.members.get(team)!;
    const startedAt = new Date(start + (span * i) / scale.incidents);
    const resolved = now.getTime() - startedAt.getTime() > 2 * DAY;
    const resolvedAt = resolved
      ? new Date(startedAt.getTime() + (30 + random() * 330) * 60_000)
      : null;
    const severity = severityOf(random);
    const commander = `user:default/${pick(random, people)}`;
    const scribe = `user:default/${pick(random, people)}`;
    add('incidents', {
      id,
      title: `${component.name}: elevated error rate (${i + 1})`,
      description: `Requests to ${component.name} failed for some customers.`,
      severity,
      final_severity: null,
      status: resolved ? 'resolved' : 'acknowledged',
      started_at: startedAt,
      acknowledged_at: new Date(startedAt.getTime() + 5 * 60_000),
      resolved_at: resolvedAt,
      source_type: 'manual',
      source_external_id: null,
      source_url: null,
      primary_incident_id: null,
      owners_stale: false,
      created_at: startedAt,
      updated_at: resolvedAt ?? startedAt,
      version: resolved ? 2 : 1,
    });
    add('incident_entities', {
      incident_id: id,
      entity_ref: `component:default/${component.name}`,
      direct: true,
    });
    add('incident_owners', {
      incident_id: id,
      owner_ref: `group:default/${team}`,
      direct: true,
    });
    for (const ancestor of org.ancestors.get(team)!) {
      add('incident_owners', {
        incident_id: id,
        owner_ref: `group:default/${ancestor}`,
        direct: false,
      });
    }
    add('incident_responders', {
      incident_id: id,
      role: 'incident-commander',
      user_ref: commander,
    });
    if (scribe !== commander) {
      add('incident_responders', {
        incident_id: id,
        role: 'scribe',
        user_ref: scribe,
      });
    }
    add('incident_history', {
      incident_id: id,
      changed_at: startedAt,
      actor_ref: commander,
      field: 'created',
      from_value: 'null',
      to_value: JSON.stringify({ severity, status: 'acknowledged' }),
    });
    if (resolvedAt) {
      add('incident_history', {
        incident_id: id,
        changed_at: resolvedAt,
        actor_ref: commander,
        field: 'status',
        from_value: JSON.stringify('acknowledged'),
        to_value: JSON.stringify('resolved'),
      });
    }
    const ageDays = (now.getTime() - startedAt.getTime()) / DAY;
    const status = () => {
      const r = random();
      if (ageDays > 60) {
        if (r < 0.9) return 'done';
        return r < 0.95 ? 'wont-do' : 'open';
      }
      if (r < 0.5) return 'open';
      return r < 0.7 ? 'in-progress' : 'done';
    };
    const followupBase = (n: number, followupStatus: string) => {
      const closed = followupStatus === 'done' || followupStatus === 'wont-do';
      const createdAt = resolvedAt ?? startedAt;
      return {
        id: seededUuid(random),
        incident_id: id,
        description: '',
        status: followupStatus,
        wont_do_reason: followupStatus === 'wont-do' ? 'Superseded' : null,
        due_at: new Date(createdAt.getTime() + (3 + n * 3) * DAY),
        ticket_url: null,
        completed_at: closed ? new Date(createdAt.getTime() + n * DAY) : null,
        completed_by: closed ? commander : null,
        created_at: createdAt,
        updated_at: createdAt,
        version: 1,
      };
    };
    let n = 0;
    for (const [role, steps] of ROLE_STEPS) {
      const owner = role === 'scribe' ? scribe : commander;
      for (let step = 1; step <= steps; step++, n++) {
        if (n >= scale.followupsPerIncident) break;
        add('followups', {
          ...followupBase(n, resolved ? status() : 'open'),
          type: 'role-step',
          source_key: `${role}:step-${step}:${owner}`,
          role,
          position: step,
          title: `${role} step ${step}`,
          kind: null,
          priority: null,
          owner_ref: owner,
          auto_completion: null,
        });
      }
    }
    for (; n < scale.followupsPerIncident; n++) {
      const r = random();
      let owner: string | null = null;
      if (r < 0.5) owner = `group:default/${team}`;
      else if (r < 0.9) owner = `user:default/${pick(random, people)}`;
      add('followups', {
        ...followupBase(n, resolved ? status() : 'open'),
        type: 'action-item',
        source_key: null,
        role: null,
        position: null,
        title: `Action item ${n} for ${component.name}`,
        kind: KINDS[n % KINDS.length],
        priority: `P${n % 4}`,
        owner_ref: owner,
        auto_completion: null,
      });
    }
    const major = severity <= 'SEV-3';
    if (
      resolvedAt &&
      major &&
      postmortems < scale.postmortems &&
      random() < postmortemChance
    ) {
      postmortems++;
      const closed = ageDays > 30;
      add('postmortems', {
        id: seededUuid(random),
        incident_id: id,
        status: closed ? 'closed' : 'draft',
        owner_ref: commander,
        content: JSON.stringify({
          ...emptyPostmortemContent(),
          overview: `What happened to ${component.name}, and why.`,
        }),
        meeting_scheduled_for: new Date(resolvedAt.getTime() + 3 * DAY),
        invitees: null,
        meeting_reminder_for: null,
        status_page_posted_at: null,
        status_page_posted_by: null,
        status_page_url: null,
        stakeholders_notified_at: null,
        internal_email_sent_at: null,
        created_at: resolvedAt,
        created_by: commander,
        updated_at: resolvedAt,
        version: closed ? 4 : 1,
      });
    }
    if ((i + 1) % batchSize === 0 || i === scale.incidents - 1) {
      yield batch;
      batch = {};
    }
  }
}

/** Weekly process reviews over the three years, each covering the week before it. */
export function processReviews(now: Date): Row[] {
  const random = seededRandom(17);
  const weeks = YEARS * 52;
  const rows: Row[] = [];
  const lastMonday = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) -
      ((now.getUTCDay() + 6) % 7) * DAY,
  );
  for (let w = weeks; w >= 1; w--) {
    const until = new Date(lastMonday.getTime() - (w - 1) * 7 * DAY);
    const since = new Date(until.getTime() - 7 * DAY);
    rows.push({
      id: seededUuid(random),
      title: `Process review, week of ${since.toISOString().slice(0, 10)}`,
      scheduled_for: new Date(until.getTime() + 2 * DAY + 14 * 3600_000),
      duration_minutes: 60,
      period_since: since,
      period_until: until,
      created_at: since,
      created_by: 'user:default/user-00001',
      updated_at: since,
      version: 1,
    });
  }
  return rows;
}
