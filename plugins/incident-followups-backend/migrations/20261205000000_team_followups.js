// @ts-check

const FOLLOWUP_COLUMNS = [
  'id',
  'incident_id',
  'type',
  'status',
  'owner_ref',
  'due_at',
  'created_at',
  'completed_at',
];
const COLUMNS = ['team_ref', 'direct', ...FOLLOWUP_COLUMNS];

/** @type {Record<string, string>} */
const TRIGGER_TABLES = {
  team_followups_followup_inserted: 'followups',
  team_followups_followup_updated: 'followups',
  team_followups_owner_inserted: 'incident_owners',
  team_followups_owner_updated: 'incident_owners',
};
const TRIGGERS = Object.keys(TRIGGER_TABLES);

/**
 * The team overview read a team's followups through its incidents: every
 * followup of every incident the team ever owned (47,000 for a team of 4,700
 * incidents), to keep the few of the period or still open. `team_followups`
 * holds a copy of each followup's figure columns per owning team of its
 * incident, so that a team's followups of a period, or its open ones, are
 * ranges of an index of that team.
 *
 * The database keeps it: triggers copy every insert and update of `followups`
 * and `incident_owners`, and foreign keys delete the copies with the followup
 * or the ownership, so no write path of the plugin, present or future, can
 * leave it behind.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const mysql = isMysql(knex);
  await knex.schema.createTable('team_followups', table => {
    table.comment(
      'The figure columns of each followup, once per owning team of its incident, kept by triggers',
    );
    table.string('team_ref', 255).notNullable();
    table.boolean('direct').notNullable();
    table
      .string('id', 36)
      .notNullable()
      .references('id')
      .inTable('followups')
      .onDelete('CASCADE');
    table.string('incident_id', 36).notNullable();
    table.string('type', 16).notNullable();
    table.string('status', 16).notNullable();
    table.string('owner_ref', 255).nullable();
    table.timestamp('due_at', { useTz: true, precision: 3 }).nullable();
    table.timestamp('created_at', { useTz: true, precision: 3 }).notNullable();
    table.timestamp('completed_at', { useTz: true, precision: 3 }).nullable();
    table.primary(['id', 'team_ref']);
    table
      .foreign(['incident_id', 'team_ref'], 'team_followups_owner_foreign')
      .references(['incident_id', 'owner_ref'])
      .inTable('incident_owners')
      .onDelete('CASCADE');
    table.index(['incident_id', 'team_ref'], 'team_followups_incident_idx');
    table.index(['team_ref', 'created_at'], 'team_followups_created_idx');
    table.index(['team_ref', 'completed_at'], 'team_followups_completed_idx');
    table.index(['team_ref', 'due_at'], 'team_followups_due_idx');
    if (mysql) {
      table.index(
        ['team_ref', 'status', 'due_at', 'direct'],
        'team_followups_open_idx',
      );
    } else {
      table.index(
        ['team_ref', 'due_at', 'id', 'status', 'owner_ref', 'direct'],
        'team_followups_open_idx',
        { predicate: knex.whereRaw("status in ('open', 'in-progress')") },
      );
    }
  });
  for (const statement of triggers(knex)) await knex.raw(statement);
  await knex.raw(
    `insert into team_followups (${COLUMNS.join(', ')})
     select incident_owners.owner_ref, incident_owners.direct, ${FOLLOWUP_COLUMNS.map(
       c => `followups.${c}`,
     ).join(', ')}
     from followups
     join incident_owners on incident_owners.incident_id = followups.incident_id`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const name of TRIGGERS) {
    await knex.raw(
      isMysql(knex)
        ? `drop trigger if exists ${name}`
        : `drop trigger if exists ${name}${
            isPg(knex) ? ` on ${TRIGGER_TABLES[name]}` : ''
          }`,
    );
  }
  if (isPg(knex)) {
    for (const name of TRIGGERS)
      await knex.raw(`drop function if exists ${name}()`);
  }
  await knex.schema.dropTable('team_followups');
};

/** The copies of the followup NEW, one for each owner of its incident. */
function copiesOfFollowup() {
  return `insert into team_followups (${COLUMNS.join(', ')})
    select incident_owners.owner_ref, incident_owners.direct, ${FOLLOWUP_COLUMNS.map(
      c => `NEW.${c}`,
    ).join(', ')}
    from incident_owners where incident_owners.incident_id = NEW.incident_id`;
}

/** The copies of each followup of the incident for the owner NEW. */
function copiesForOwner() {
  return `insert into team_followups (${COLUMNS.join(', ')})
    select NEW.owner_ref, NEW.direct, ${FOLLOWUP_COLUMNS.map(
      c => `followups.${c}`,
    ).join(', ')}
    from followups where followups.incident_id = NEW.incident_id`;
}

/** What each trigger does, as statements on its NEW and OLD rows. */
function bodies() {
  return {
    team_followups_followup_inserted: [copiesOfFollowup()],
    team_followups_followup_updated: [
      'delete from team_followups where id = OLD.id',
      copiesOfFollowup(),
    ],
    team_followups_owner_inserted: [copiesForOwner()],
    team_followups_owner_updated: [
      'delete from team_followups where incident_id = OLD.incident_id and team_ref = OLD.owner_ref',
      copiesForOwner(),
    ],
  };
}

/**
 * @param {import('knex').Knex} knex
 * @returns {string[]}
 */
function triggers(knex) {
  /** @type {Record<string, string[]>} */
  const all = bodies();
  return TRIGGERS.flatMap(name => {
    const table = TRIGGER_TABLES[name];
    const event = name.endsWith('inserted') ? 'insert' : 'update';
    const statements = all[name];
    if (isPg(knex)) {
      return [
        `create function ${name}() returns trigger language plpgsql as $body$
         begin ${statements.map(s => `${s};`).join(' ')} return null; end
         $body$`,
        `create trigger ${name} after ${event} on ${table}
         for each row execute function ${name}()`,
      ];
    }
    // SQLite and MySQL share this form.
    return [
      `create trigger ${name} after ${event} on ${table}
       for each row begin ${statements.map(s => `${s};`).join(' ')} end`,
    ];
  });
}

/** @param {import('knex').Knex} knex */
function isMysql(knex) {
  return String(knex.client.config.client).includes('mysql');
}

/** @param {import('knex').Knex} knex */
function isPg(knex) {
  return String(knex.client.config.client).includes('pg');
}
