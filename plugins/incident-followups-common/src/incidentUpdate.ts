import { InputError } from '@backstage/errors';
import { Incident, IncidentStatus } from './incident';
import { Responder } from './roles';
import { Severity } from './severity';
import { UpdateIncidentRequest } from './validation';

/** The fields of an incident that an update may change. */
export interface IncidentFields {
  title: string;
  description: string;
  severity: Severity;
  finalSeverity: Severity | null;
  status: IncidentStatus;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  responders: Responder[];
}

/**
 * What an update does: the new values of the changed fields, and one history entry
 * per changed field.
 *
 * @public
 */
export interface IncidentUpdatePlan {
  changes: Partial<IncidentFields>;
  history: { field: keyof IncidentFields; from: unknown; to: unknown }[];
}

function sameResponders(a: Responder[], b: Responder[]): boolean {
  const key = (list: Responder[]) =>
    list
      .map(r => `${r.role} ${r.userRef}`)
      .sort()
      .join('\n');
  return key(a) === key(b);
}

/**
 * Applies the incident rules to an update: acknowledging stamps acknowledgedAt;
 * resolving needs a final severity and stamps resolvedAt; reopening clears it.
 *
 * @public
 */
export function planIncidentUpdate(
  current: Incident,
  request: UpdateIncidentRequest,
  now: Date,
): IncidentUpdatePlan {
  const { version: _version, ...requested } = request;
  const next: IncidentFields = {
    title: current.title,
    description: current.description,
    severity: current.severity,
    finalSeverity: current.finalSeverity,
    status: current.status,
    acknowledgedAt: current.acknowledgedAt,
    resolvedAt: current.resolvedAt,
    responders: current.responders,
  };
  for (const [field, value] of Object.entries(requested)) {
    if (value !== undefined) {
      (next as any)[field] = value;
    }
  }
  const nowIso = now.toISOString();

  if (next.status === 'acknowledged' && !next.acknowledgedAt) {
    next.acknowledgedAt = nowIso;
  }
  if (next.status === 'resolved') {
    if (!next.finalSeverity) {
      throw new InputError(
        'finalSeverity: is required to resolve an incident; set the severity it turned out to have (SEV-1 to SEV-5)',
      );
    }
    if (!next.resolvedAt) {
      next.resolvedAt = nowIso;
    }
  } else if (requested.resolvedAt) {
    throw new InputError(
      `resolvedAt: is only allowed when status is resolved (the incident is ${next.status})`,
    );
  } else {
    next.resolvedAt = null;
  }
  for (const field of ['acknowledgedAt', 'resolvedAt'] as const) {
    const time = next[field];
    if (time && Date.parse(time) < Date.parse(current.startedAt)) {
      throw new InputError(
        `${field}: must not be before the incident started (${current.startedAt})`,
      );
    }
  }

  const plan: IncidentUpdatePlan = { changes: {}, history: [] };
  for (const field of Object.keys(next) as (keyof IncidentFields)[]) {
    const from = field === 'responders' ? current.responders : current[field];
    const to = next[field];
    const unchanged =
      field === 'responders'
        ? sameResponders(from as Responder[], to as Responder[])
        : from === to ||
          (typeof from === 'string' &&
            typeof to === 'string' &&
            field.endsWith('At') &&
            Date.parse(from) === Date.parse(to));
    if (!unchanged) {
      (plan.changes as any)[field] = to;
      plan.history.push({ field, from, to });
    }
  }
  return plan;
}
