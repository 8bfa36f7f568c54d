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
    table.string('final_severity', 8).nullable();
    table.string('status', 16).notNullable();
    table.timestamp('started_at', { useTz: true, precision: 3 }).notNullable();
    table
      .timestamp('acknowledged_at', { useTz: true, precision: 3 })
      .nullable();
    table.timestamp('resolved_at', { useTz: true, precision: 3 }).nullable();
    table.string('source_type', 32).notNullable().defaultTo('manual');
    table.string('source_external_id', 255).nullable();
    table.string('source_url', 2048).nullable();
    table.string('primary_incident_id', 36).nullable();
    table.boolean('owners_stale').notNullable().defaultTo(false);
    table.timestamp('created_at', { useTz: true, precision: 3 }).notNullable();
    table.timestamp('updated_at', { useTz: true, precision: 3 }).notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.index(['started_at', 'id'], 'incidents_started_at_idx');
    table.index(['primary_incident_id'], 'incidents_primary_idx');
    // Imports find an incident by its id in the source; NULLs (manual ones) never clash.
    table.unique(['source_type', 'source_external_id'], {
      indexName: 'incidents_source_uniq',
    });
  });

  await knex.schema.createTable('incident_entities', table => {
    table.comment(
      'Catalog entities an incident affects: directly, or through a component of theirs (systems)',
    );
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('entity_ref', 255).notNullable();
    table.boolean('direct').notNullable();
    table.primary(['incident_id', 'entity_ref']);
    table.index(['entity_ref', 'incident_id'], 'incident_entities_ref_idx');
  });

  await knex.schema.createTable('incident_responders', table => {
    table.comment('People in incident response roles');
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('role', 32).notNullable();
    table.string('user_ref', 255).notNullable();
    table.primary(['incident_id', 'role', 'user_ref']);
    table.index(['user_ref', 'incident_id'], 'incident_responders_user_idx');
  });

  await knex.schema.createTable('incident_owners', table => {
    table.comment(
      'Owning teams: owners of the affected entities (direct) and their parent groups',
    );
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('owner_ref', 255).notNullable();
    table.boolean('direct').notNullable();
    table.primary(['incident_id', 'owner_ref']);
    table.index(['owner_ref', 'incident_id'], 'incident_owners_ref_idx');
  });

  await knex.schema.createTable('incident_history', table => {
    table.comment('Every change of an incident: who, when, from what to what');
    table.bigIncrements('id').primary();
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.timestamp('changed_at', { useTz: true, precision: 3 }).notNullable();
    table.string('actor_ref', 255).notNullable();
    table.string('field', 32).notNullable();
    table.text('from_value').nullable();
    table.text('to_value').nullable();
    table.index(['incident_id', 'id'], 'incident_history_incident_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incident_history');
  await knex.schema.dropTable('incident_owners');
  await knex.schema.dropTable('incident_responders');
  await knex.schema.dropTable('incident_entities');
  await knex.schema.dropTable('incidents');
};
