/**
 * Reads infra/**.bicep through the tree-sitter Bicep grammar so tests check the templates'
 * structure (declarations, literals, properties) instead of grepping text.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { Language, Parser, type Node } from "web-tree-sitter";

export const ROOT = join(__dirname, "..", "..");
export const INFRA = join(ROOT, "infra");
const GRAMMAR = join(ROOT, "node_modules", "tree-sitter-bicep", "tree-sitter-bicep.wasm");

export interface BicepFile {
  /** Path relative to the project root, e.g. infra/modules/cosmos.bicep. */
  rel: string;
  source: string;
  root: Node;
}

let parser: Promise<Parser> | undefined;

function bicepParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const p = new Parser();
    // Bytes, not a path: loading by path does a dynamic import() that Jest's CommonJS runtime refuses.
    p.setLanguage(await Language.load(new Uint8Array(readFileSync(GRAMMAR))));
    return p;
  })();
  return parser;
}

function bicepPaths(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return bicepPaths(path);
    return name.endsWith(".bicep") ? [path] : [];
  });
}

/** Parses every .bicep file under infra/. */
export async function parseBicepFiles(): Promise<BicepFile[]> {
  const p = await bicepParser();
  return bicepPaths(INFRA).map((path) => {
    const source = readFileSync(path, "utf8");
    const tree = p.parse(source);
    if (!tree) throw new Error(`tree-sitter returned no tree for ${path}`);
    return { rel: relative(ROOT, path).replace(/\\/g, "/"), source, root: tree.rootNode };
  });
}

/** ERROR and MISSING nodes, as "ERROR at 12:4" lines; empty for a clean parse. */
export function syntaxProblems(root: Node): string[] {
  const found: string[] = [];
  const visit = (node: Node) => {
    if (node.isError || node.isMissing) {
      const what = node.isMissing ? `MISSING ${node.type}` : "ERROR";
      found.push(`${what} at ${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${node.text.slice(0, 60)}`);
    }
    for (const child of node.children) if (child) visit(child);
  };
  visit(root);
  if (root.hasError && found.length === 0) found.push("tree reports an error without an ERROR node");
  return found;
}

/** All descendants of a type, document order. */
export function descendants(node: Node, type: string): Node[] {
  return node.descendantsOfType(type).filter((n): n is Node => Boolean(n));
}

function named(node: Node): Node[] {
  return node.namedChildren.filter((n): n is Node => Boolean(n) && n.type !== "comment");
}

/** Top-level declarations of one kind, e.g. "output_declaration". */
export function declarations(root: Node, type: string): Node[] {
  return named(root).filter((n) => n.type === type);
}

/** The declared name of a param, var, output, resource or module. */
export function declaredName(decl: Node): string {
  const id = named(decl).find((n) => n.type === "identifier");
  if (!id) throw new Error(`no name in ${decl.text.slice(0, 40)}`);
  return id.text;
}

/** The default of a param, or the value of an output: what follows `name type`. */
export function declaredValue(decl: Node): Node | undefined {
  return named(decl)[2];
}

export function variable(root: Node, name: string): Node {
  const decl = declarations(root, "variable_declaration").find((d) => declaredName(d) === name);
  if (!decl) throw new Error(`var ${name} not found`);
  const value = named(decl)[1];
  if (!value) throw new Error(`var ${name} has no value`);
  return value;
}

/** The body of a string literal, unescaped; throws if it interpolates. */
export function stringValue(node: Node): string {
  if (node.type !== "string") throw new Error(`expected a string, got ${node.type}: ${node.text}`);
  let out = "";
  for (const part of named(node)) {
    if (part.type === "interpolation") throw new Error(`string ${node.text} interpolates`);
    if (part.type === "escape_sequence") out += JSON.parse(`"${part.text.replace("\\'", "'").replace("\\$", "$")}"`) as string;
    else out += part.text;
  }
  return out;
}

export type Literal = string | number | boolean | null | Literal[] | { [key: string]: Literal };

/** Evaluates a literal expression (strings, numbers, booleans, null, arrays, objects); throws on anything computed. */
export function literal(node: Node): Literal {
  switch (node.type) {
    case "string":
      return stringValue(node);
    case "number":
      return Number(node.text);
    case "boolean":
    case "true":
    case "false":
      return node.text === "true";
    case "null":
      return null;
    case "unary_expression": {
      const value = literal(named(node)[0] as Node);
      if (node.text.trim().startsWith("-") && typeof value === "number") return -value;
      throw new Error(`not a literal: ${node.text}`);
    }
    case "array":
      return named(node).map(literal);
    case "object":
      return Object.fromEntries(objectProperties(node).map(([key, value]) => [key, literal(value)]));
    default:
      throw new Error(`not a literal (${node.type}): ${node.text.slice(0, 60)}`);
  }
}

/** [key, value node] pairs of an object literal. */
export function objectProperties(object: Node): [string, Node][] {
  return named(object)
    .filter((p) => p.type === "object_property")
    .map((p) => {
      const [key, value] = named(p);
      if (!key || !value) throw new Error(`odd property ${p.text}`);
      return [key.type === "string" ? stringValue(key) : key.text, value] as [string, Node];
    });
}

/** Follows keys through nested object literals: prop(body, "properties", "siteConfig", "alwaysOn"). */
export function prop(object: Node | undefined, ...path: string[]): Node | undefined {
  let current = object;
  for (const key of path) {
    if (!current || current.type !== "object") return undefined;
    current = objectProperties(current).find(([k]) => k === key)?.[1];
  }
  return current;
}

export interface ResourceDecl {
  symbol: string;
  /** e.g. Microsoft.DocumentDB/databaseAccounts */
  type: string;
  apiVersion: string;
  /** The resource body (the object inside a loop or condition too). */
  body: Node;
  /** For `[for x in xs: {...}]`: the loop variable and the iterated expression. */
  loop?: { variable: string; over: string };
  existing: boolean;
  file: string;
}

/** Every resource declaration of a file, with its type, API version and body. */
export function resources(file: BicepFile): ResourceDecl[] {
  return descendants(file.root, "resource_declaration").map((decl) => {
    const parts = named(decl);
    const typeNode = parts.find((n) => n.type === "string");
    if (!typeNode) throw new Error(`resource without type: ${decl.text.slice(0, 60)}`);
    const [type, apiVersion] = stringValue(typeNode).split("@") as [string, string | undefined];
    const last = parts[parts.length - 1] as Node;
    let body = last;
    let loop: ResourceDecl["loop"];
    if (last.type === "for_statement") {
      const variableNode = last.childForFieldName("initializer");
      const bodyNode = last.childForFieldName("body");
      const over = named(last).find((n) => n.id !== variableNode?.id && n.id !== bodyNode?.id && n.type !== "for_loop_parameters");
      if (!bodyNode) throw new Error(`loop without body in ${decl.text.slice(0, 60)}`);
      body = bodyNode;
      loop = { variable: variableNode?.text ?? "", over: over?.text ?? "" };
    }
    if (body.type === "if_statement") body = named(body).find((n) => n.type === "object") ?? body;
    return {
      symbol: declaredName(decl),
      type,
      apiVersion: apiVersion ?? "",
      body,
      loop,
      existing: decl.children.some((n) => n?.type === "existing"),
      file: file.rel,
    };
  });
}

/** The callee name of every function call, e.g. listKeys for `account.listKeys()`. */
export function calledFunctions(root: Node): string[] {
  return descendants(root, "call_expression").map((call) => {
    const fn = call.childForFieldName("function") ?? named(call)[0];
    const text = fn?.text ?? "";
    return text.split(".").pop() ?? text;
  });
}

/** Every `x.y` member access as [object text, property name]. */
export function memberAccesses(root: Node): [string, string][] {
  return descendants(root, "member_expression").map((m) => {
    const object = m.childForFieldName("object")?.text ?? "";
    const property = m.childForFieldName("property")?.text ?? m.text.split(".").pop() ?? "";
    return [object, property];
  });
}

/** Text of every string literal segment (outside interpolations). */
export function stringContents(root: Node): string[] {
  return descendants(root, "string_content").map((n) => n.text);
}
