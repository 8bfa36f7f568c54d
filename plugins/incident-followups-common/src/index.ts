/**
 * Types and pure domain rules shared by the incident-followups plugins.
 *
 * @packageDocumentation
 */

export * from './severity';
export * from './incident';
export * from './validation';
