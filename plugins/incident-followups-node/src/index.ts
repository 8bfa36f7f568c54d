/**
 * Extension points of the incident-followups backend plugin.
 *
 * @packageDocumentation
 */
export * from './ticketTrackers';
