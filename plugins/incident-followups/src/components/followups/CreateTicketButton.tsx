import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { Followup } from '@incident-followups/plugin-incident-followups-common';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { incidentFollowupsApiRef } from '../../api';

/** The server's own words for a refused request, not the HTTP status line. */
function refusal(error: Error): { message: string; retryable: boolean } {
  const response = error as ResponseError;
  return {
    message: response.cause?.message ?? error.message,
    // 409 is a missing annotation or a ticket being created: a retry alone does not help.
    retryable: response.response?.status !== 409,
  };
}

/**
 * "Create ticket" for an action item without one: creates it in the owning
 * team's tracker, and shows the tracker's refusal or what the catalog lacks.
 */
export function CreateTicketButton(props: {
  followup: Followup;
  onCreated: (followup: Followup) => void;
}) {
  const api = useApi(incidentFollowupsApiRef);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<Error>();

  async function create() {
    setCreating(true);
    try {
      const { followup } = await api.createTicket(props.followup.id);
      setError(undefined);
      props.onCreated(followup);
    } catch (e) {
      setError(e as Error);
    } finally {
      setCreating(false);
    }
  }

  const problem = error && refusal(error);
  let buttonText = problem?.retryable ? 'Try again' : 'Create ticket';
  if (creating) buttonText = 'Creating ticket…';
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        disabled={creating}
        onClick={create}
        aria-label={`Create ticket for ${props.followup.title}`}
      >
        {buttonText}
      </Button>
      {problem && (
        <Alert
          severity={problem.retryable ? 'error' : 'warning'}
          style={{ width: '100%' }}
        >
          {problem.message}
        </Alert>
      )}
    </>
  );
}
