// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('process_reviews', table => {
    table.comment(
      'Meetings of incident commanders that review the response process',
    );
    table.string('id', 36).primary().notNullable();
    table.string('title', 200).notNullable();
    table
      .timestamp('scheduled_for', { useTz: true, precision: 3 })
      .notNullable();
    table.integer('duration_minutes').notNullable();
    // The incidents resolved in [period_since, period_until) make the agenda.
    table
      .timestamp('period_since', { useTz: true, precision: 3 })
      .notNullable();
    table
      .timestamp('period_until', { useTz: true, precision: 3 })
      .notNullable();
    table.timestamp('created_at', { useTz: true, precision: 3 }).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true, precision: 3 }).notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.index(['scheduled_for'], 'process_reviews_scheduled_idx');
  });

  await knex.schema.createTable('process_review_items', table => {
    table.comment(
      'Notes on an agenda item (an incident), and whether it was discussed',
    );
    table
      .string('review_id', 36)
      .notNullable()
      .references('id')
      .inTable('process_reviews')
      .onDelete('CASCADE');
    table.string('item_key', 80).notNullable();
    table.text('notes').notNullable();
    table.boolean('discussed').notNullable().defaultTo(false);
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true, precision: 3 }).notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.primary(['review_id', 'item_key']);
  });

  await knex.schema.createTable('process_review_decisions', table => {
    table.comment('Decisions of a meeting; a decision may become a followup');
    table.string('id', 36).primary().notNullable();
    table
      .string('review_id', 36)
      .notNullable()
      .references('id')
      .inTable('process_reviews')
      .onDelete('CASCADE');
    table.string('item_key', 80).nullable();
    table.text('text').notNullable();
    table
      .string('followup_id', 36)
      .nullable()
      .references('id')
      .inTable('followups')
      .onDelete('SET NULL');
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true, precision: 3 }).notNullable();
    table.index(['review_id', 'created_at'], 'process_review_decisions_idx');
  });

  await knex.schema.createTable('process_review_attendees', table => {
    table.comment(
      'People invited besides the period incident commanders (approved requests)',
    );
    table
      .string('review_id', 36)
      .notNullable()
      .references('id')
      .inTable('process_reviews')
      .onDelete('CASCADE');
    table.string('user_ref', 255).notNullable();
    table.string('added_by', 255).notNullable();
    table.timestamp('added_at', { useTz: true, precision: 3 }).notNullable();
    table.primary(['review_id', 'user_ref']);
  });

  await knex.schema.createTable('process_review_join_requests', table => {
    table.comment('Requests to join a meeting, and what an IC decided');
    table.string('id', 36).primary().notNullable();
    table
      .string('review_id', 36)
      .notNullable()
      .references('id')
      .inTable('process_reviews')
      .onDelete('CASCADE');
    table.string('user_ref', 255).notNullable();
    table.text('reason').notNullable();
    table.string('status', 16).notNullable();
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at', { useTz: true, precision: 3 }).nullable();
    table.timestamp('created_at', { useTz: true, precision: 3 }).notNullable();
    table.unique(['review_id', 'user_ref'], {
      indexName: 'process_review_join_requests_uniq',
    });
  });

  await knex.schema.createTable('incident_feedback', table => {
    table.comment(
      'How responders rate the response to an incident (1-5), and why',
    );
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('user_ref', 255).notNullable();
    table.integer('rating').notNullable();
    table.text('comment').notNullable();
    table.timestamp('updated_at', { useTz: true, precision: 3 }).notNullable();
    table.primary(['incident_id', 'user_ref']);
  });
  // The agenda reads the incidents resolved in a period.
  await knex.schema.alterTable('incidents', table => {
    table.index(['resolved_at'], 'incidents_resolved_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incidents', table => {
    table.dropIndex(['resolved_at'], 'incidents_resolved_at_idx');
  });
  await knex.schema.dropTable('incident_feedback');
  await knex.schema.dropTable('process_review_join_requests');
  await knex.schema.dropTable('process_review_attendees');
  await knex.schema.dropTable('process_review_decisions');
  await knex.schema.dropTable('process_review_items');
  await knex.schema.dropTable('process_reviews');
};
