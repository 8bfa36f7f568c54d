import { mockServices } from '@backstage/backend-test-utils';
import {
  OWNERSHIP_REFRESH_TASK,
  ownershipRefreshTask,
} from './ownershipRefreshTask';

describe('ownershipRefreshTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function setUp(stale: number[]) {
    let clock = 0;
    const scheduler = mockServices.scheduler.mock();
    scheduler.triggerTask.mockResolvedValue(undefined);
    const logger = mockServices.logger.mock();
    const refresh = jest.fn(async () => ({
      checked: 3,
      changed: 1,
      stale: stale.shift() ?? 0,
    }));
    const run = ownershipRefreshTask({
      refresh,
      scheduler,
      logger,
      now: () => clock,
    });
    return {
      run,
      scheduler,
      logger,
      advance: (ms: number) => {
        clock += ms;
      },
    };
  }

  it('asks again 15 seconds later while the catalog lacks entities, in the first minutes after start', async () => {
    const { run, scheduler, advance } = setUp([2, 0]);
    await run();
    jest.advanceTimersByTime(14_999);
    expect(scheduler.triggerTask).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(scheduler.triggerTask).toHaveBeenCalledWith(OWNERSHIP_REFRESH_TASK);

    advance(15_000);
    await run();
    jest.advanceTimersByTime(60_000);
    expect(scheduler.triggerTask).toHaveBeenCalledTimes(1);
  });

  it('leaves entities still unknown ten minutes after start to the schedule', async () => {
    const { run, scheduler, advance } = setUp([2]);
    advance(10 * 60_000);
    await run();
    jest.advanceTimersByTime(60_000);
    expect(scheduler.triggerTask).not.toHaveBeenCalled();
  });

  it('logs, and does not fail, when the task is running already', async () => {
    const { run, scheduler, logger } = setUp([1]);
    scheduler.triggerTask.mockRejectedValue(new Error('task is running'));
    await run();
    jest.advanceTimersByTime(15_000);
    await Promise.resolve();
    expect(scheduler.triggerTask).toHaveBeenCalledTimes(1);
    expect(logger.debug).toHaveBeenCalledWith(
      'Owning teams not refreshed again yet: task is running',
    );
  });
});
