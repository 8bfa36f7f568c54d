/**
 * Test utilities for the incident-followups backend and its modules.
 *
 * @packageDocumentation
 */

export * from './startIncidentFollowupsTestBackend';
export * from './catalogUserInfo';
export * from './checkoutCatalog';
export * from './createIncidentWithActionItem';
