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
const COLUMNS = ['commander_ref', 'role', ...FOLLOWUP_COLUMNS];
const COMMANDER = "'incident-commander'";

/** @type {Record<string, string>} */
const TRIGGER_TABLES = {
  commander_followups_followup_inserted: 'followups',
  commander_followups_followup_updated: 'followups',
  commander_followups_responder_inserted: 'incident_responders',
  commander_followups_responder_updated: 'incident_responders',
};
const TRIGGERS = Object.keys(TRIGGER_TABLES);

/**
 * My followups hold the unassigned followups of the incidents a person
 * commanded. Read through `incident_responders`, that joined every incident
 * the person ever commanded with its followups (1,552 incidents for the
 * busiest commander at 100,000) to keep the few still open and unassigned,
 * then sorted them. `commander_followups` holds a copy of the figure columns
 * of each unassigned followup per incident commander of its incident, so
 * that a person's are a range of an index of that person, in page order.
 *
 * The database keeps it, as it keeps `team_followups`: triggers copy every
 * insert and update of `followups` and `incident_responders`, and foreign
 * keys delete the copies with the followup or the responder (MySQL fires no
 * trigger for rows a foreign key deletes or updates). `owner_ref` is always null; it is
 * there so that a read of this table takes the conditions of a read of
 * `followups`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const mysql = isMysql(knex);
  await knex.schema.createTable('commander_followups', table => {
    table.comment(
      'The figure columns of each unassigned followup, once per incident commander of its incident, kept by triggers',
    );
    table.string('commander_ref', 255).notNullable();
    table.string('role', 32).notNullable();
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
    table.primary(['id', 'commander_ref']);
    table
      .foreign(
        ['incident_id', 'role', 'commander_ref'],
        'commander_followups_responder_foreign',
      )
      .references(['incident_id', 'role', 'user_ref'])
      .inTable('incident_responders')
      .onDelete('CASCADE')
      .onUpdate('CASCADE');
    table.index(
      ['incident_id', 'role', 'commander_ref'],
      'commander_followups_responder_idx',
    );
    table.index(
      ['commander_ref', 'created_at'],
      'commander_followups_created_idx',
    );
    if (mysql) {
      table.index(
        ['commander_ref', 'status', 'due_at'],
        'commander_followups_open_idx',
      );
    } else {
      table.index(
        ['commander_ref', 'due_at', 'id', 'status'],
        'commander_followups_open_idx',
        { predicate: knex.whereRaw("status in ('open', 'in-progress')") },
      );
    }
  });
  for (const statement of triggers(knex)) await knex.raw(statement);
  await knex.raw(
    `insert into commander_followups (${COLUMNS.join(', ')})
     select incident_responders.user_ref, incident_responders.role, ${FOLLOWUP_COLUMNS.map(
       c => `followups.${c}`,
     ).join(', ')}
     from followups
     join incident_responders on incident_responders.incident_id = followups.incident_id
     where incident_responders.role = ${COMMANDER} and followups.owner_ref is null`,
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
  await knex.schema.dropTable('commander_followups');
};

/** The copies of the followup NEW, if unassigned, one for each commander of its incident. */
function copiesOfFollowup() {
  return `insert into commander_followups (${COLUMNS.join(', ')})
    select incident_responders.user_ref, incident_responders.role, ${FOLLOWUP_COLUMNS.map(
      c => `NEW.${c}`,
    ).join(', ')}
    from incident_responders
    where incident_responders.incident_id = NEW.incident_id
      and incident_responders.role = ${COMMANDER}
      and NEW.owner_ref is null`;
}

/** The copies of each unassigned followup of the incident for the responder NEW, if its commander. */
function copiesForCommander() {
  return `insert into commander_followups (${COLUMNS.join(', ')})
    select NEW.user_ref, NEW.role, ${FOLLOWUP_COLUMNS.map(
      c => `followups.${c}`,
    ).join(', ')}
    from followups
    where followups.incident_id = NEW.incident_id
      and followups.owner_ref is null
      and NEW.role = ${COMMANDER}`;
}

/** What each trigger does, as statements on its NEW and OLD rows. */
function bodies() {
  return {
    commander_followups_followup_inserted: [copiesOfFollowup()],
    commander_followups_followup_updated: [
      'delete from commander_followups where id = OLD.id',
      copiesOfFollowup(),
    ],
    commander_followups_responder_inserted: [copiesForCommander()],
    commander_followups_responder_updated: [
      // The foreign key moves the copies to NEW as well, before or after this.
      `delete from commander_followups
       where (incident_id = OLD.incident_id and role = OLD.role and commander_ref = OLD.user_ref)
          or (incident_id = NEW.incident_id and role = NEW.role and commander_ref = NEW.user_ref)`,
      copiesForCommander(),
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
