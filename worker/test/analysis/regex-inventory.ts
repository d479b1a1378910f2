/**
 * Every regular expression the analysis engine's source holds, found in the
 * source text itself (TypeScript's parser), so a regex added anywhere under
 * worker/src/analysis is checked without anyone listing it (redos.test.ts):
 *
 * - regex literals `/…/flags`;
 * - `new RegExp(…)` / `RegExp(…)` whose pattern can be computed from literals
 *   (strings, templates without substitutions, String.raw, `[…].join(sep)`, `+`);
 *   one that cannot is reported as `unresolved`, and the test fails on it: a
 *   pattern built at run time from data cannot be checked, so it must not exist.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface FoundRegex {
  /** `file.ts:line`. */
  where: string;
  source: string;
  flags: string;
}

export interface RegexInventory {
  regexes: FoundRegex[];
  /** `new RegExp(…)` calls whose pattern is not computable from literals. */
  unresolved: string[];
}

/** The .ts/.mjs files under `dir` (recursively), tests aside. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|mjs|js)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) out.push(path);
  }
  return out.sort();
}

export function inventoryOfFiles(files: readonly string[], root: string): RegexInventory {
  const inventory: RegexInventory = { regexes: [], unresolved: [] };
  for (const file of files) {
    const found = inventoryOfSource(readFileSync(file, 'utf8'), relative(root, file));
    inventory.regexes.push(...found.regexes);
    inventory.unresolved.push(...found.unresolved);
  }
  return inventory;
}

/** The regexes of one source text (`name` only labels where they are). */
export function inventoryOfSource(text: string, name: string): RegexInventory {
  const sf = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const inventory: RegexInventory = { regexes: [], unresolved: [] };
  const where = (node: ts.Node) => `${name}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      const literal = node.text;
      const end = literal.lastIndexOf('/');
      inventory.regexes.push({ where: where(node), source: literal.slice(1, end), flags: literal.slice(end + 1) });
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [pattern, flags] = node.arguments ?? [];
      const source = pattern ? evaluate(pattern) : '';
      const flagText = flags ? evaluate(flags) : '';
      if (source === null || flagText === null) inventory.unresolved.push(`${where(node)}: ${node.getText(sf).slice(0, 80)}`);
      else inventory.regexes.push({ where: where(node), source, flags: flagText });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return inventory;
}

/** The string an expression made only of literals evaluates to; null when it depends on anything else. */
function evaluate(node: ts.Expression): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node)) return evaluate(node.expression);
  if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === 'String.raw' && ts.isNoSubstitutionTemplateLiteral(node.template)) {
    return node.template.rawText ?? node.template.text;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const [left, right] = [evaluate(node.left), evaluate(node.right)];
    return left === null || right === null ? null : left + right;
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'join' && ts.isArrayLiteralExpression(node.expression.expression)) {
    const parts = node.expression.expression.elements.map((e) => evaluate(e));
    const sep = node.arguments[0] ? evaluate(node.arguments[0]) : ',';
    return sep === null || parts.some((p) => p === null) ? null : parts.join(sep);
  }
  return null;
}
