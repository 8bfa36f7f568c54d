/**
 * Extension points of the incident-followups backend plugin.
 *
 * @packageDocumentation
 */
