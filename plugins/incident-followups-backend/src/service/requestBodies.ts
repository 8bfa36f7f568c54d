import { CHAT_TRANSCRIPT_MAX_BYTES } from '@incident-followups/plugin-incident-followups-common';
import express, { NextFunction, Request, Response } from 'express';

/** A request body over its limit: 413. */
export class PayloadTooLargeError extends Error {
  readonly statusCode = 413;
  constructor(message: string) {
    super(message);
    this.name = 'PayloadTooLargeError';
  }
}

/** The message for a chat transcript over its limit. */
export function transcriptTooLarge(bytes: number) {
  return new PayloadTooLargeError(
    `transcript: ${bytes} bytes is over the limit of ${CHAT_TRANSCRIPT_MAX_BYTES} bytes; split the export and import it in parts`,
  );
}

/** JSON escaping adds some bytes around a transcript. */
const TRANSCRIPT_JSON_LIMIT = CHAT_TRANSCRIPT_MAX_BYTES * 2 + 1024;

function refuseDeclaredLength(limit: number, describe: (n: number) => Error) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const length = Number(req.headers['content-length'] ?? 0);
    next(length > limit ? describe(length) : undefined);
  };
}

/**
 * Reads request bodies before the OpenAPI validation sees them, so that a body over
 * its limit is a 413 rather than a validation error: JSON up to `limitBytes`, and
 * chat transcripts (JSON `{ transcript }` or plain text) up to their own limit.
 */
export function readRequestBodies(limitBytes: number) {
  const bodies = express.Router();
  bodies.post(
    '/postmortems/:id/chat-imports',
    refuseDeclaredLength(TRANSCRIPT_JSON_LIMIT, transcriptTooLarge),
    express.json({ limit: TRANSCRIPT_JSON_LIMIT }),
    express.text({
      limit: CHAT_TRANSCRIPT_MAX_BYTES + 1024,
      type: 'text/plain',
    }),
    (_req: Request, _res: Response, next: NextFunction) => next('router'),
  );
  bodies.use(
    refuseDeclaredLength(
      limitBytes,
      length =>
        new PayloadTooLargeError(
          `request body: ${length} bytes is over the limit of ${limitBytes} bytes`,
        ),
    ),
    express.json({ limit: limitBytes }),
  );
  return bodies;
}
