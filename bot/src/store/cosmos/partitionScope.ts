import type { QuerySpec } from "../documents";

/** The parameter the store adds; callers may not use the name. */
export const PARTITION_PARAMETER = "@__partitionKey";

interface Token {
  text: string;
  upper: string;
  start: number;
  depth: number;
  word: boolean;
}

const CLAUSES_AFTER_WHERE = new Set(["GROUP", "ORDER", "OFFSET"]);
const NOT_AN_ALIAS = new Set(["WHERE", "JOIN", "GROUP", "ORDER", "OFFSET", "IN", "AS"]);

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  for (let i = 0; i < sql.length; ) {
    const ch = sql[i] ?? "";
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < sql.length && sql[j] !== ch) j += sql[j] === "\\" ? 2 : 1;
      if (j >= sql.length) throw new SyntaxError(`Unterminated string in query: ${sql}`);
      tokens.push({ text: sql.slice(i, j + 1), upper: "", start: i, depth, word: false });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i));
      const text = match?.[0] ?? ch;
      tokens.push({ text, upper: text.toUpperCase(), start: i, depth, word: true });
      i += text.length;
    } else {
      if (ch === "(" || ch === "[") depth += 1;
      if (ch === ")" || ch === "]") depth -= 1;
      tokens.push({ text: ch, upper: ch, start: i, depth, word: false });
      i += 1;
    }
  }
  return tokens;
}

const topLevel = (tokens: Token[], keyword: string, from = 0) => tokens.findIndex((t, i) => i >= from && t.depth === 0 && t.word && t.upper === keyword);

/**
 * Adds `<root>["key"] = @__partitionKey` to a query's top-level WHERE. Cosmos scopes a query
 * to the `partitionKey` option by itself; the embedded server ignores that option and
 * would return every partition's documents, so the store states the filter in the SQL
 * for both, keeping one code path. Queries the rewrite cannot read are refused loudly.
 */
export function scopeToPartition(spec: QuerySpec, partitionPath: string, partition: string): QuerySpec {
  if (spec.parameters?.some((p) => p.name === PARTITION_PARAMETER)) throw new TypeError(`${PARTITION_PARAMETER} is reserved by the store.`);
  const sql = spec.query;
  const tokens = tokenize(sql);
  const from = topLevel(tokens, "FROM");
  const first = tokens[from + 1];
  if (from === -1 || !first?.word) throw new TypeError(`The store cannot find the FROM clause of: ${sql}`);
  const second = tokens[from + 2];
  if (second?.upper === "IN") throw new TypeError(`Queries of the form "FROM x IN c.path" cannot be scoped to a partition; use JOIN instead: ${sql}`);
  let alias = first.text;
  let afterFrom = from + 2;
  if (second?.upper === "AS" && tokens[from + 3]?.word) {
    alias = tokens[from + 3]!.text;
    afterFrom = from + 4;
  } else if (second?.word && !NOT_AN_ALIAS.has(second.upper)) {
    alias = second.text;
    afterFrom = from + 3;
  }
  const key = partitionPath
    .slice(1)
    .split("/")
    .map((segment) => `[${JSON.stringify(segment)}]`)
    .join("");
  const condition = `${alias}${key} = ${PARTITION_PARAMETER}`;
  const parameters = [...(spec.parameters ?? []), { name: PARTITION_PARAMETER, value: partition }];

  const where = topLevel(tokens, "WHERE", afterFrom);
  const clause = tokens.findIndex((t, i) => i > (where === -1 ? afterFrom - 1 : where) && t.depth === 0 && t.word && CLAUSES_AFTER_WHERE.has(t.upper));
  const clauseStart = clause === -1 ? sql.length : tokens[clause]!.start;
  if (where === -1) {
    return { query: `${sql.slice(0, clauseStart).trimEnd()} WHERE ${condition} ${sql.slice(clauseStart)}`.trimEnd(), parameters };
  }
  const whereToken = tokens[where]!;
  const body = sql.slice(whereToken.start + whereToken.text.length, clauseStart).trim();
  return { query: `${sql.slice(0, whereToken.start)}WHERE ${condition} AND (${body}) ${sql.slice(clauseStart)}`.trimEnd(), parameters };
}
