/**
 * A work job that fans out (a reminder to everyone) produces its deliveries while the rest
 * of the scheduler's workers are idle. They must share the deliveries, not leave the one
 * worker that ran the work job to send them one by one: under store trouble (timeouts of
 * seconds) a serial fan-out of fifty takes minutes. Counted, not timed: the most sends in
 * flight at once, with a sender that holds each send open for a moment.
 */
import { type WorkHandler } from "../../bot/src/jobs/scheduler";
import { type ProactiveSender } from "../../bot/src/teams";
import { countsByConversation, newScheduler, savePersonalChats, START, TENANT, useJobsWorld } from "../jobs/helpers";
import { sleep } from "./traffic";

const getWorld = useJobsWorld();

it("the deliveries a work job produces are sent by all the workers at once, each exactly once", async () => {
  const world = getWorld();
  const ids = Array.from({ length: 48 }, (_, i) => `fan-${String(i).padStart(2, "0")}`);
  await savePersonalChats(world, ids);
  // Like the real reminder, it reads a while (session, people, RSVPs) before it hands over its deliveries.
  const remind: WorkHandler = async (job) => {
    await sleep(300);
    return { deliveries: ids.map((userId) => ({ id: `${job.id}-${userId}`, target: { kind: "personal" as const, tenantId: TENANT, userId }, notice: { kind: "test.note", text: `hi ${userId}` } })) };
  };
  let inFlight = 0;
  let most = 0;
  const counting = (real: ProactiveSender): ProactiveSender => ({
    sendCard: async (reference, card, options) => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        await sleep(50);
        return await real.sendCard(reference, card, options);
      } finally {
        inFlight--;
      }
    },
    sendText: (reference, text, options) => real.sendText(reference, text, options),
  });
  const scheduler = newScheduler(world, { work: { remind }, wrapSender: counting, concurrency: 16 });
  await world.repos.jobs.enqueue({ id: "remind-all", tenantId: TENANT, kind: "remind", dueAt: START, payload: {} });

  const report = await scheduler.runDue();

  expect(report.delivered).toBe(ids.length);
  expect([...countsByConversation(world.connector).values()].every((n) => n === 1)).toBe(true);
  expect(countsByConversation(world.connector).size).toBe(ids.length);
  expect(most).toBeGreaterThanOrEqual(8);
});
