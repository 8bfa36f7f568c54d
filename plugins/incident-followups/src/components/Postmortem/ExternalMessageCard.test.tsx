import { renderInTestApp } from '@backstage/test-utils';
import {
  emptyPostmortemContent,
  Postmortem,
} from '@incident-followups/plugin-incident-followups-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ExternalMessageCard } from './ExternalMessageCard';

const message = {
  summary: 'Card payments failed for 40 minutes.',
  whatHappened: '',
  whatWeAreDoing: '',
};

function postmortem(withMessage: boolean): Postmortem {
  return {
    id: 'pm-1',
    statusPagePostedAt: null,
    statusPagePostedBy: null,
    statusPageUrl: null,
    content: {
      ...emptyPostmortemContent(),
      ...(withMessage ? { externalMessage: message } : {}),
    },
  } as unknown as Postmortem;
}

describe('ExternalMessageCard', () => {
  it('posts to the PagerDuty status page once there is a message', async () => {
    const onPostToStatusPage = jest.fn().mockResolvedValue(undefined);
    const { rerender } = await renderInTestApp(
      <ExternalMessageCard
        postmortem={postmortem(false)}
        message={message}
        onChange={() => {}}
        onPosted={() => {}}
        statusPageSource="PagerDuty"
        onPostToStatusPage={onPostToStatusPage}
      />,
    );
    const button = () =>
      screen.getByRole('button', { name: 'Post to the PagerDuty status page' });
    expect(button()).toBeDisabled();

    rerender(
      <ExternalMessageCard
        postmortem={postmortem(true)}
        message={message}
        onChange={() => {}}
        onPosted={() => {}}
        statusPageSource="PagerDuty"
        onPostToStatusPage={onPostToStatusPage}
      />,
    );
    await userEvent.click(button());
    expect(onPostToStatusPage).toHaveBeenCalledTimes(1);
  });

  it('offers no status page post for an incident typed into the portal', async () => {
    await renderInTestApp(
      <ExternalMessageCard
        postmortem={postmortem(true)}
        message={message}
        onChange={() => {}}
        onPosted={() => {}}
      />,
    );
    expect(screen.queryByRole('button', { name: /status page/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Mark posted' })).toBeEnabled();
  });
});
