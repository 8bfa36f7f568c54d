// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('followup_tickets', table => {
    table.comment(
      'One ticket per action item: written before the tracker is called, so a retry never creates a second one',
    );
    table
      .string('followup_id', 36)
      .primary()
      .notNullable()
      .references('id')
      .inTable('followups')
      .onDelete('CASCADE');
    table.string('tracker', 32).notNullable();
    table.string('destination', 255).notNullable();
    // The label the ticket carries, to find it after a crash between the call and the record.
    table.string('marker', 100).notNullable();
    // pending: a replica is calling the tracker; failed: the tracker refused; created: linked.
    table.string('state', 16).notNullable();
    // Which attempt holds the record, so that only one replica takes over a stale one.
    table.string('attempt_id', 36).notNullable();
    table
      .timestamp('attempt_started_at', { useTz: true, precision: 3 })
      .notNullable();
    table.text('last_error').nullable();
    table.string('ticket_key', 255).nullable();
    table.string('ticket_url', 2048).nullable();
    table.string('ticket_state', 16).nullable();
    table.timestamp('checked_at', { useTz: true, precision: 3 }).nullable();
    table.timestamp('created_at', { useTz: true, precision: 3 }).notNullable();
    table.index(['state', 'checked_at'], 'followup_tickets_sync_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('followup_tickets');
};
