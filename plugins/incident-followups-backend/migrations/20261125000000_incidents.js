// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incidents', table => {
    table.comment('Incidents that followups and post-mortems hang on');
    table.string('id', 36).primary().notNullable();
    table.string('title', 300).notNullable();
    table.text('description').notNullable();
    table.string('severity', 8).notNullable();
    table.string('status', 16).notNullable();
    table.timestamp('started_at', { useTz: true, precision: 3 }).notNullable();
    table.timestamp('resolved_at', { useTz: true, precision: 3 }).nullable();
    table.timestamp('created_at', { useTz: true, precision: 3 }).notNullable();
    table.timestamp('updated_at', { useTz: true, precision: 3 }).notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.index(['started_at', 'id'], 'incidents_started_at_idx');
  });

  await knex.schema.createTable('incident_entities', table => {
    table.comment('The catalog entities an incident affects');
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('entity_ref', 255).notNullable();
    table.primary(['incident_id', 'entity_ref']);
    table.index(
      ['entity_ref', 'incident_id'],
      'incident_entities_entity_ref_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incident_entities');
  await knex.schema.dropTable('incidents');
};
