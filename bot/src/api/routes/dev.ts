import { Router } from "express";
import { listDevUsers } from "../../commands/devUsersLister";
import { type CommandContext } from "../../commands/context";

/** Local-mode helpers; the app mounts this router only when the dev identity is allowed. */
export function devRoutes(ctx: CommandContext): Router {
  const router = Router();
  router.get("/users", async (_req, res) => {
    res.json(await listDevUsers(ctx));
  });
  return router;
}
