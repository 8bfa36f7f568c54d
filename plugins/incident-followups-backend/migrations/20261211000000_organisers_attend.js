// @ts-check

/**
 * The person who schedules a process review takes part in it: meetings
 * scheduled before now get their organiser as an attendee, as new ones do
 * when they are created (those scheduled by a service have no person).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(`
    insert into process_review_attendees (review_id, user_ref, added_by, added_at)
    select r.id, r.created_by, r.created_by, r.created_at
    from process_reviews r
    where r.created_by like 'user:%'
      and not exists (
        select 1 from process_review_attendees a
        where a.review_id = r.id and a.user_ref = r.created_by
      )
  `);
};

/**
 * Organisers stay attendees: nothing tells them from those approved.
 *
 * @param {import('knex').Knex} _knex
 */
exports.down = async function down(_knex) {};
