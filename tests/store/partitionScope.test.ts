/** The partition filter the store writes into every single-partition query. */
import { PARTITION_PARAMETER, scopeToPartition } from "../../bot/src/store/cosmos/partitionScope";

const scope = (query: string, parameters?: { name: string; value: string }[]) => scopeToPartition({ query, parameters }, "/communityId", "c1");
const filter = `["communityId"] = ${PARTITION_PARAMETER}`;

test.each([
  ["SELECT * FROM c", `SELECT * FROM c WHERE c${filter}`],
  ["SELECT VALUE COUNT(1) FROM c", `SELECT VALUE COUNT(1) FROM c WHERE c${filter}`],
  ["SELECT * FROM c ORDER BY c.n", `SELECT * FROM c WHERE c${filter} ORDER BY c.n`],
  ["select * from c where c.a = 1 or c.b = 2 order by c.n", `select * from c WHERE c${filter} AND (c.a = 1 or c.b = 2) order by c.n`],
  ["SELECT TOP 5 r.id FROM root r WHERE r.n > 1", `SELECT TOP 5 r.id FROM root r WHERE r${filter} AND (r.n > 1)`],
  ["SELECT d.id FROM c AS d", `SELECT d.id FROM c AS d WHERE d${filter}`],
  ["SELECT c.id, t FROM c JOIN t IN c.tags WHERE t = 'x'", `SELECT c.id, t FROM c JOIN t IN c.tags WHERE c${filter} AND (t = 'x')`],
  ["SELECT * FROM c WHERE c.title = 'a WHERE b ORDER BY' ORDER BY c.n", `SELECT * FROM c WHERE c${filter} AND (c.title = 'a WHERE b ORDER BY') ORDER BY c.n`],
  [
    "SELECT * FROM c WHERE EXISTS(SELECT VALUE t FROM t IN c.tags WHERE t = 'x') ORDER BY c.n",
    `SELECT * FROM c WHERE c${filter} AND (EXISTS(SELECT VALUE t FROM t IN c.tags WHERE t = 'x')) ORDER BY c.n`,
  ],
])("%s", (query, expected) => {
  expect(scope(query).query).toBe(expected);
});

test("the partition goes in as a parameter, after the caller's", () => {
  expect(scope("SELECT * FROM c WHERE c.n = @n", [{ name: "@n", value: "1" }]).parameters).toEqual([
    { name: "@n", value: "1" },
    { name: PARTITION_PARAMETER, value: "c1" },
  ]);
});

test("queries it cannot scope are refused, not run unscoped", () => {
  expect(() => scope("SELECT * FROM t IN c.tags")).toThrow(/JOIN/);
  expect(() => scope("SELECT 1")).toThrow(/FROM/);
  expect(() => scope("SELECT * FROM c WHERE c.x = @__partitionKey", [{ name: PARTITION_PARAMETER, value: "x" }])).toThrow(/reserved/);
});
