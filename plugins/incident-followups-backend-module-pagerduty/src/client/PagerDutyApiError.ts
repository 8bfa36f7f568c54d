/**
 * PagerDuty refused or failed a request; the message is PagerDuty's own, so that
 * whoever sees it knows what to fix.
 *
 * @public
 */
export class PagerDutyApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'PagerDutyApiError';
  }
}
