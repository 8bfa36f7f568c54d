// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('followups', table => {
    table.comment(
      'What is owed after an incident: role checklist steps and action items',
    );
    table.string('id', 36).primary().notNullable();
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('type', 16).notNullable();
    // Role steps are keyed by role, checklist item and person: generated once only.
    table.string('source_key', 255).nullable();
    table.string('role', 32).nullable();
    // The step's place in its checklist, so that steps list in the checklist's order.
    table.integer('position').nullable();
    table.string('title', 300).notNullable();
    table.text('description').notNullable();
    table.string('kind', 32).nullable();
    table.string('priority', 2).nullable();
    table.string('owner_ref', 255).nullable();
    table.string('status', 16).notNullable();
    table.text('wont_do_reason').nullable();
    table.timestamp('due_at', { useTz: true, precision: 3 }).nullable();
    table.string('auto_completion', 32).nullable();
    table.string('ticket_url', 2048).nullable();
    table.timestamp('completed_at', { useTz: true, precision: 3 }).nullable();
    table.string('completed_by', 255).nullable();
    table.timestamp('created_at', { useTz: true, precision: 3 }).notNullable();
    table.timestamp('updated_at', { useTz: true, precision: 3 }).notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.unique(['incident_id', 'source_key'], {
      indexName: 'followups_source_uniq',
    });
    table.index(['owner_ref', 'status'], 'followups_owner_idx');
    table.index(['incident_id', 'status'], 'followups_incident_idx');
    table.index(['status', 'due_at'], 'followups_due_idx');
  });

  await knex.schema.createTable('followup_reminders', table => {
    table.comment(
      'Daily reminder digests sent: one per person and day, across replicas',
    );
    table.string('recipient_ref', 255).notNullable();
    table.string('day', 10).notNullable();
    table.timestamp('sent_at', { useTz: true, precision: 3 }).notNullable();
    table.primary(['recipient_ref', 'day']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('followup_reminders');
  await knex.schema.dropTable('followups');
};
