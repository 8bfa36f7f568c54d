import { Config } from '@backstage/config';
import bytes from 'bytes';

/** 256 KiB: a post-mortem's sections with room to spare. */
const DEFAULT_LIMIT_BYTES = 256 * 1024;

/**
 * `incidentFollowups.requestBodyLimit`: the largest request body the plugin reads,
 * as bytes or a size such as `512kb` or `1mb`; larger bodies get 413.
 */
export function readRequestBodyLimit(config: Config): number {
  const key = 'incidentFollowups.requestBodyLimit';
  if (!config.has(key)) return DEFAULT_LIMIT_BYTES;
  const value = config.get(key);
  const limit =
    typeof value === 'number' || typeof value === 'string'
      ? bytes.parse(value)
      : null;
  if (limit === null || !Number.isInteger(limit) || limit < 1024) {
    throw new Error(
      `Invalid configuration: ${key} must be a size of at least 1kb, such as 256kb or 1mb, not ${JSON.stringify(
        value,
      )}`,
    );
  }
  return limit;
}
