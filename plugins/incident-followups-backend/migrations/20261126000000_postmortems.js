// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('postmortems', table => {
    table.comment('Blameless post-mortems: one per incident');
    table.string('id', 36).primary().notNullable();
    table
      .string('incident_id', 36)
      .notNullable()
      .unique({ indexName: 'postmortems_incident_uniq' })
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('status', 16).notNullable();
    table.string('owner_ref', 255).notNullable();
    // The template's sections as JSON, validated on every write.
    table.text('content', 'mediumtext').notNullable();
    table
      .timestamp('meeting_scheduled_for', { useTz: true, precision: 3 })
      .nullable();
    // JSON list of refs; null while the computed list is used.
    table.text('invitees').nullable();
    // The meeting time the owner was last reminded about, so that it happens once.
    table
      .timestamp('meeting_reminder_for', { useTz: true, precision: 3 })
      .nullable();
    table
      .timestamp('status_page_posted_at', { useTz: true, precision: 3 })
      .nullable();
    table.string('status_page_posted_by', 255).nullable();
    table.string('status_page_url', 2048).nullable();
    table
      .timestamp('stakeholders_notified_at', { useTz: true, precision: 3 })
      .nullable();
    table
      .timestamp('internal_email_sent_at', { useTz: true, precision: 3 })
      .nullable();
    table.timestamp('created_at', { useTz: true, precision: 3 }).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true, precision: 3 }).notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.index(['owner_ref', 'status'], 'postmortems_owner_idx');
    table.index(['status', 'meeting_scheduled_for'], 'postmortems_meeting_idx');
  });

  await knex.schema.createTable('postmortem_transitions', table => {
    table.comment('Who moved a post-mortem to which status, and when');
    table.bigIncrements('id').primary();
    table
      .string('postmortem_id', 36)
      .notNullable()
      .references('id')
      .inTable('postmortems')
      .onDelete('CASCADE');
    table.string('from_status', 16).nullable();
    table.string('to_status', 16).notNullable();
    table.timestamp('at', { useTz: true, precision: 3 }).notNullable();
    table.string('actor_ref', 255).notNullable();
    table.index(['postmortem_id', 'at'], 'postmortem_transitions_idx');
  });

  await knex.schema.createTable('postmortem_chat_proposals', table => {
    table.comment(
      'TODOs and key events found in imported chat, until the scribe decides',
    );
    table
      .string('postmortem_id', 36)
      .notNullable()
      .references('id')
      .inTable('postmortems')
      .onDelete('CASCADE');
    table.string('proposal_key', 32).notNullable();
    table.string('kind', 16).notNullable();
    table.timestamp('at', { useTz: true, precision: 3 }).notNullable();
    table.string('author', 255).notNullable();
    table.text('text').notNullable();
    table.string('decision', 16).notNullable();
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at', { useTz: true, precision: 3 }).nullable();
    table.timestamp('imported_at', { useTz: true, precision: 3 }).notNullable();
    table.primary(['postmortem_id', 'proposal_key']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('postmortem_chat_proposals');
  await knex.schema.dropTable('postmortem_transitions');
  await knex.schema.dropTable('postmortems');
};
