import { Config } from '@backstage/config';
import { readSize } from './readSize';

/**
 * `incidentFollowups.requestBodyLimit`: the largest request body the plugin reads,
 * as bytes or a size such as `512kb` or `1mb`; larger bodies get 413.
 */
export function readRequestBodyLimit(config: Config): number {
  return readSize(config, 'incidentFollowups.requestBodyLimit', {
    // A post-mortem's sections with room to spare.
    defaultBytes: 256 * 1024,
    minBytes: 1024,
    example: '256kb or 1mb',
  });
}
