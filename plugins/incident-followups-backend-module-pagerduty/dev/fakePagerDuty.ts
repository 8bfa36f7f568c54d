/*
 * A fake PagerDuty for the demo portal: `yarn fake-pagerduty` in this package
 * serves PagerDuty's REST API on 127.0.0.1:7012 (PORT to change it) with a few
 * incidents on the demo services PCHECKOUT and PPAYGATE. See the README for the
 * portal's settings.
 */
import { FakePagerDuty } from '../src/__testUtils__/FakePagerDuty';

const MINUTE = 60_000;

function ago(minutes: number): string {
  return new Date(Date.now() - minutes * MINUTE).toISOString();
}

async function main() {
  const fake = await FakePagerDuty.start({
    port: Number(process.env.PORT ?? 7012),
    token: process.env.PAGERDUTY_TOKEN ?? 'fake-token',
  });

  const outage = fake.addIncident({
    serviceId: 'PCHECKOUT',
    createdAt: ago(3 * 24 * 60),
    title: 'Checkout API returns 503 for card payments',
    priority: 'P1',
    assigneeEmails: ['alice@example.com'],
  });
  fake.acknowledge(outage.id, ago(3 * 24 * 60 - 4), 'alice@example.com');
  fake.addLogEntry(
    outage.id,
    'escalate_log_entry',
    'Escalated to the payments secondary on-call',
    ago(3 * 24 * 60 - 10),
  );
  fake.addLogEntry(
    outage.id,
    'annotate_log_entry',
    'Rolled back release 2026.11.3',
    ago(3 * 24 * 60 - 30),
    'alice@example.com',
  );
  const echo = fake.addIncident({
    serviceId: 'PPAYGATE',
    createdAt: ago(3 * 24 * 60 - 2),
    title: 'Payment gateway timeouts to the card processor',
    priority: 'P2',
  });
  fake.merge(outage.id, echo.id, ago(3 * 24 * 60 - 20));
  fake.resolve(outage.id, ago(3 * 24 * 60 - 55), 'alice@example.com');

  const open = fake.addIncident({
    serviceId: 'PCHECKOUT',
    createdAt: ago(45),
    title: 'Checkout latency above 2 s at p99',
    priority: 'P3',
    // The demo's guest user responds too, so that they may resolve it in the portal.
    assigneeEmails: ['alice@example.com', 'guest@example.com'],
  });
  fake.acknowledge(open.id, ago(40), 'alice@example.com');

  process.stdout.write(
    `Fake PagerDuty on ${fake.baseUrl} with ${fake.incidents.size} incidents\n`,
  );
  const stop = () => {
    fake.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
