/**
 * The incident response roles, as they appear on the wire.
 *
 * @public
 */
export const RESPONDER_ROLES = [
  'incident-commander',
  'deputy',
  'scribe',
  'subject-matter-expert',
  'customer-liaison',
  'internal-liaison',
] as const;

/** @public */
export type ResponderRole = (typeof RESPONDER_ROLES)[number];

/** @public */
export const RESPONDER_ROLE_TITLES: Record<ResponderRole, string> = {
  'incident-commander': 'Incident commander',
  deputy: 'Deputy',
  scribe: 'Scribe',
  'subject-matter-expert': 'Subject matter expert',
  'customer-liaison': 'Customer liaison',
  'internal-liaison': 'Internal liaison',
};

/**
 * A person in a role; a role may have several people.
 *
 * @public
 */
export interface Responder {
  role: ResponderRole;
  /** A user entity ref, such as `user:default/jane`. */
  userRef: string;
}
