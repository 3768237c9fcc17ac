// YAML read with line numbers, and zod's complaints turned into "file:line: key: what is expected" lines. Used for
// vanthu.yaml and for routing-rule files, so both report errors the same way.
import { LineCounter, parseDocument, isMap, isSeq, stringify, type Node } from 'yaml';
import type { z } from 'zod';

/** The line a key path starts on, or null. */
export type Locate = (keyPath: ReadonlyArray<PropertyKey>) => number | null;

export class YamlSyntaxError extends Error {
  constructor(readonly line: number | null, message: string) {
    super(message);
  }
}

export function parseYamlWithLines(text: string): { data: unknown; locate: Locate } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    throw new YamlSyntaxError(first.linePos?.[0]?.line ?? null, `not valid YAML: ${first.message.split('\n')[0]}`);
  }
  const locate: Locate = (keyPath) => {
    let node: unknown = doc.contents;
    let found: Node | null = null;
    for (const key of keyPath) {
      if (isMap(node)) {
        const pair = node.items.find((item) => (item.key as { value?: unknown })?.value === key);
        if (!pair) break;
        found = (pair.key as Node) ?? found;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        found = (node as Node) ?? found;
      } else break;
    }
    const offset = found?.range?.[0];
    return offset === undefined ? null : lineCounter.linePos(offset).line;
  };
  return { data: doc.toJS() ?? null, locate };
}

function formatKeyPath(keyPath: ReadonlyArray<PropertyKey>): string {
  return keyPath
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** One line per issue: where (file:line), which key, and what is expected. */
export function describeIssues(error: z.ZodError, source: string, locate: Locate, unknownKeyHint: string | ((path: ReadonlyArray<PropertyKey>) => string)): string[] {
  return error.issues.flatMap(expandUnion).map((issue) => {
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const keyPath = unknownKeys.length > 0 ? [...issue.path, unknownKeys[0]!] : issue.path;
    const line = locate(keyPath);
    const where = `${source}${line ? `:${line}` : ''}`;
    if (unknownKeys.length > 0) {
      const names = unknownKeys.map((k) => formatKeyPath([...issue.path, k])).join(', ');
      return `${where}: unknown key ${names}; ${typeof unknownKeyHint === 'string' ? unknownKeyHint : unknownKeyHint(issue.path)}`;
    }
    return `${where}: ${formatKeyPath(issue.path) || '(top level)'}: ${issue.message}`;
  });
}

type Issue = z.ZodError['issues'][number];

/**
 * "None of the shapes fits" is true but unhelpful when one shape clearly was meant: the branch whose complaint goes
 * deepest into the value is the one the writer chose ({ subject: { matches: "(" } } is a field condition with a bad
 * regular expression, not "not a condition").
 */
function expandUnion(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || !('errors' in issue) || !Array.isArray(issue.errors)) return [issue];
  const depth = (issues: Issue[]) => Math.max(...issues.map((i) => i.path.length + (i.code === 'unrecognized_keys' ? 0 : 1)));
  const branches = (issue.errors as Issue[][]).filter((b) => b.length > 0);
  if (branches.length === 0) return [issue];
  const deepest = Math.max(...branches.map(depth));
  const chosen = branches.filter((b) => depth(b) === deepest);
  if (deepest <= 1 || chosen.length !== 1) return [issue];
  return chosen[0]!.flatMap((inner) => expandUnion({ ...inner, path: [...issue.path, ...inner.path] } as Issue));
}

/** A value as YAML, the way admins write it (flow style for short mappings). */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, flowCollectionPadding: true });
}
