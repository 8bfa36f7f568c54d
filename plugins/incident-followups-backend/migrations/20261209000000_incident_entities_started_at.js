// @ts-check

/**
 * A service tab lists the incidents of one entity, the newest first. Ordered
 * by `incidents.started_at`, PostgreSQL walked the newest incidents of every
 * service until it had found a page of this one's: 1,067 probes (20 ms) for a
 * service with 4,607 of 100,000 incidents, and more the rarer a service is in
 * the newest incidents. With the start copied here, a page is a range of one
 * index of the entity, whatever else the database holds. An incident's start
 * is set once, when it is created, and never changed; NOT NULL makes every
 * writer of this table give it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incident_entities', table => {
    table.timestamp('started_at', { useTz: true, precision: 3 }).nullable();
  });
  await knex('incident_entities').update({
    started_at: knex.raw(
      '(select incidents.started_at from incidents where incidents.id = incident_entities.incident_id)',
    ),
  });
  await knex.schema.alterTable('incident_entities', table => {
    table
      .timestamp('started_at', { useTz: true, precision: 3 })
      .notNullable()
      .alter();
  });
  await knex.schema.alterTable('incident_entities', table => {
    table.dropIndex([], 'incident_entities_ref_idx');
    table.index(
      ['entity_ref', 'started_at', 'incident_id'],
      'incident_entities_started_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incident_entities', table => {
    table.dropIndex([], 'incident_entities_started_idx');
    table.index(['entity_ref', 'incident_id'], 'incident_entities_ref_idx');
  });
  await knex.schema.alterTable('incident_entities', table => {
    table.dropColumn('started_at');
  });
};
