import { Request } from 'express';

/** Runs a write with an audit event that records its outcome. */
export type Audited = <T>(
  req: Request,
  eventId: string,
  meta: Record<string, any>,
  write: () => Promise<T>,
) => Promise<T>;
