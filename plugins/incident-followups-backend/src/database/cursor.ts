import { InputError } from '@backstage/errors';

/** The position after the last row of a page in (started_at desc, id desc) order. */
export interface IncidentCursor {
  startedAt: string;
  id: string;
}

export function encodeCursor(cursor: IncidentCursor): string {
  return Buffer.from(JSON.stringify([cursor.startedAt, cursor.id])).toString(
    'base64url',
  );
}

export function decodeCursor(value: string): IncidentCursor {
  try {
    const [startedAt, id] = JSON.parse(
      Buffer.from(value, 'base64url').toString('utf8'),
    );
    if (
      typeof startedAt === 'string' &&
      !Number.isNaN(Date.parse(startedAt)) &&
      typeof id === 'string'
    ) {
      return { startedAt, id };
    }
  } catch {
    // reported below
  }
  throw new InputError('cursor: is not a cursor this API returned');
}
