/**
 * Extension points of the incident-followups backend plugin.
 *
 * @packageDocumentation
 */

export * from './incidentSources';
export * from './ticketTrackers';
