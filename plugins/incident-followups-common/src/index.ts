/**
 * Types and pure domain rules shared by the incident-followups plugins.
 *
 * @packageDocumentation
 */

export * from './severity';
export * from './incident';
export * from './roles';
export * from './validation';
export * from './incidentUpdate';
export * from './followup';
export * from './dueDates';
export * from './checklists';
export * from './signals';
export * from './postmortem/postmortem';
export * from './postmortem/postmortemStatus';
export * from './postmortem/meetingDeadline';
export * from './postmortem/postmortemValidation';
export * from './postmortem/postmortemSearch';
export * from './chat/parseChatTranscript';
export * from './teamOverview';
export * from './processReview';
export * from './permissions';
export * from './incidentSources';
