/**
 * Incident severities, most severe first.
 *
 * @public
 */
export const SEVERITIES = [
  'SEV-1',
  'SEV-2',
  'SEV-3',
  'SEV-4',
  'SEV-5',
] as const;

/** @public */
export type Severity = (typeof SEVERITIES)[number];

/**
 * Major incidents (SEV-1 and SEV-2) are the ones that always need a post-mortem.
 *
 * @public
 */
export function isMajorSeverity(severity: Severity): boolean {
  return severity === 'SEV-1' || severity === 'SEV-2';
}

/**
 * Orders severities from most to least severe, for sorting.
 *
 * @public
 */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
}
