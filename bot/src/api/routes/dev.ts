import { Router } from "express";
import { DevAdvanceRequest, type DevAdvanceResponse } from "../../contracts";
import { listDevUsers } from "../../commands/devUsersLister";
import { type CommandContext } from "../../commands/context";
import { badRequest } from "../../domain/errors";
import { parseInput } from "../../domain/validation";

/** How far one advance may go: enough for any rhythm, small enough to finish quickly. */
const MAX_ADVANCE_DAYS = 120;

export interface DevTools {
  /** Moves the local clock to `to`, running every job due on the way. */
  advance(to: Date): Promise<Omit<DevAdvanceResponse, "from" | "to">>;
}

/** Local-mode helpers; the app mounts this router only when the dev identity is allowed. */
export function devRoutes(ctx: CommandContext, tools: DevTools): Router {
  const router = Router();
  router.get("/users", async (_req, res) => {
    res.json(await listDevUsers(ctx));
  });

  /** What the local clock reads (it runs ahead of the real one after an advance). */
  router.get("/clock", (_req, res) => {
    res.json({ now: ctx.clock.now().toISOString() });
  });

  /** `{ "to": "<ISO instant>" }`: run the rhythm forward, so reminders and cards show in the Playground now. */
  router.post("/advance", async (req, res) => {
    const { to } = parseInput(DevAdvanceRequest, req.body);
    const from = ctx.clock.now();
    const target = new Date(to);
    if (target.getTime() <= from.getTime()) throw badRequest(`to: must be later than the local clock, which reads ${from.toISOString()}.`, "to");
    if (target.getTime() - from.getTime() > MAX_ADVANCE_DAYS * 24 * 60 * 60 * 1000) throw badRequest(`to: move the clock at most ${MAX_ADVANCE_DAYS} days at a time.`, "to");
    const report = await tools.advance(target);
    const body: DevAdvanceResponse = { from: from.toISOString(), to: ctx.clock.now().toISOString(), ...report };
    res.json(body);
  });
  return router;
}

/** Outside local mode the dev routes don't exist; say so instead of a bare 404. */
export function devRoutesRefused(): Router {
  const router = Router();
  router.use((_req, res) => {
    res.status(403).json({ error: { code: "local_only", message: "The /api/dev routes work only in local mode: no COSMOS_ENDPOINT, HOST on loopback and no Entra app configured." } });
  });
  return router;
}
