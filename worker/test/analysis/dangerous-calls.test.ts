/**
 * Dangerous calls from the syntax tree (issue #3, "Security"): table-driven,
 * positives and negatives per language. A call in a string or a comment, or a
 * shell/SQL call with a constant argument, must not fire.
 */
import { describe, expect, it } from 'vitest';
import { analyseSource } from '../../src/analysis/function-metrics.ts';
import { findDangerousCalls, jsMayFire, queryDangerousCalls } from '../../src/analysis/dangerous-calls.ts';
import { getParser } from '../../src/analysis/parser.ts';
import { loadCorpus, loadTsCorpus } from './corpus.ts';
import type { LanguageId } from '../../src/analysis/languages.ts';
import { analyseCommitWith, inThreadParser } from '../../src/analysis/index.ts';
import type { ChangedFile } from '@tamagitto/domain';

async function rules(source: string, language: LanguageId): Promise<string[]> {
  const m = await analyseSource(source, language, { dangerousCalls: true });
  return (m.dangerousCalls ?? []).map((d) => d.rule);
}

const JS: [string, string, string[]][] = [
  // positives
  ['eval of a variable', 'eval(code);', ['no-eval']],
  ['eval of a constant (still code from a string)', 'eval("1 + 1");', ['no-eval']],
  ['new Function', 'const f = new Function("a", body);', ['no-eval']],
  ['Function called without new', 'const f = Function("return this")();', ['no-eval']],
  ['exec with a template substitution', 'exec(`git log ${ref}`);', ['no-shell-injection']],
  ['child_process.execSync with concatenation', 'child_process.execSync("rm -rf " + dir);', ['no-shell-injection']],
  ['cp.exec with concatenation in parentheses', "cp.exec(('ls ' + dir));", ['no-shell-injection']],
  ['require(child_process).exec', "require('child_process').exec(`kill ${pid}`);", ['no-shell-injection']],
  ['spawn with shell: true and a variable', "spawn('ls', [dir], { shell: true });", ['no-shell-injection']],
  ['query with SQL concatenation', 'db.query("SELECT * FROM users WHERE id = " + id);', ['no-sql-concatenation']],
  ['execute with an SQL template', 'await conn.execute(`DELETE FROM pets WHERE owner = ${owner}`);', ['no-sql-concatenation']],
  ['lower-case SQL in a query call', "pool.query('select name from users where id=' + id);", ['no-sql-concatenation']],
  ['SQL assigned, then queried', 'const sql = "SELECT * FROM t WHERE a = \'" + a + "\'";\ndb.query(sql);', ['no-sql-concatenation']],
  ['sqlite db.exec with SQL', 'db.exec(`INSERT INTO log VALUES (${v})`);', ['no-sql-concatenation']],
  ['multi-line eval call', 'eval(\n  source\n);', ['no-eval']],
  // negatives
  ['eval in a string', 'const s = "eval(code)";', []],
  ['eval in a line comment', '// eval(code)\nrun();', []],
  ['eval in a block comment', '/* new Function(body) */ run();', []],
  ['a method named eval', 'engine.eval(code);', []],
  ['exec with a constant', "exec('ls');", []],
  ['exec with a constant template', 'exec(`ls -la`);', []],
  ['execSync of constant concatenation', "execSync('ls ' + '-la');", []],
  ['RegExp exec with concatenation', 'const m = pattern.exec(prefix + "x");', []],
  ['spawn without a shell', "spawn('ls', [dir]);", []],
  ['spawn with shell and constants', "spawn('ls', ['-la'], { shell: true });", []],
  ['parameterised query', 'db.query("SELECT * FROM users WHERE id = $1", [id]);', []],
  ['tagged sql template', 'db.query(sql`SELECT * FROM users WHERE id = ${id}`);', []],
  ['prose that says select', 'const msg = `Please select a ${thing}`;', []],
  ['SQL in a comment', '// db.query("SELECT * FROM t WHERE id = " + id)\nrun();', []],
  ['numbers added', 'const n = a + 1;', []],
];

const TS: [string, string, string[]][] = [
  ['typed eval', 'const x: unknown = eval(code as string);', ['no-eval']],
  ['typed SQL template', 'async function f(id: number) { await db.query(`SELECT * FROM t WHERE id = ${id}`); }', ['no-sql-concatenation']],
  ['typed constant exec', "exec('ls' as string);", []],
];

const PY: [string, string, string[]][] = [
  // positives
  ['eval', 'x = eval(data)', ['no-eval']],
  ['exec', 'exec(code)', ['no-eval']],
  ['os.system with an f-string', 'os.system(f"rm -rf {path}")', ['no-shell-injection']],
  ['os.popen with concatenation', 'os.popen("ls " + d)', ['no-shell-injection']],
  ['subprocess with shell=True and a variable', 'subprocess.run(cmd, shell=True)', ['no-shell-injection']],
  ['subprocess with shell=True and %', 'subprocess.check_output("grep %s log" % term, shell=True)', ['no-shell-injection']],
  ['cursor.execute with an f-string', 'cur.execute(f"SELECT * FROM users WHERE id = {uid}")', ['no-sql-concatenation']],
  ['cursor.execute with %', 'cur.execute("DELETE FROM pets WHERE id = %s" % pid)', ['no-sql-concatenation']],
  ['cursor.execute with .format', 'cur.execute("UPDATE pets SET name = \'{}\'".format(name))', ['no-sql-concatenation']],
  ['SQL assigned with concatenation', 'sql = "SELECT name FROM t WHERE id = " + str(i)', ['no-sql-concatenation']],
  // negatives
  ['eval in a string', 's = "eval(data)"', []],
  ['eval in a comment', '# eval(data)\nrun()', []],
  ['a method named exec', 'cursor.exec(code)', []],
  ['os.system with a constant', 'os.system("ls -la")', []],
  ['subprocess with shell=True and a constant', 'subprocess.run("ls -la", shell=True)', []],
  ['subprocess without a shell', 'subprocess.run(["ls", d])', []],
  ['parameterised execute', 'cur.execute("SELECT * FROM users WHERE id = %s", (uid,))', []],
  ['constant SQL', 'cur.execute("SELECT 1")', []],
  ['f-string without SQL', 'msg = f"hello {name}"', []],
];

describe('dangerous calls from the syntax tree', () => {
  it.each(JS)('JavaScript: %s', async (_name, source, expected) => {
    expect(await rules(source, 'javascript')).toEqual(expected);
  });
  it.each(TS)('TypeScript: %s', async (_name, source, expected) => {
    expect(await rules(source, 'typescript')).toEqual(expected);
  });
  it.each(PY)('Python: %s', async (_name, source, expected) => {
    expect(await rules(source, 'python')).toEqual(expected);
  });

  it('reports the lines the call spans', async () => {
    const m = await analyseSource('run();\neval(\n  code\n);\n', 'javascript', { dangerousCalls: true });
    expect(m.dangerousCalls).toEqual([{ rule: 'no-eval', line: 2, endLine: 4, message: expect.any(String) }]);
  });

  it('looks only when asked, so plain metrics cost nothing extra', async () => {
    expect((await analyseSource('eval(x);', 'javascript')).dangerousCalls).toBeUndefined();
  });
});

describe('the words checked before the query', () => {
  it.each([
    ['a RegExp\'s exec', 'const m = /a(b)/.exec(s);\nconst n = re?.exec(t);', false],
    ['a type named after a function', 'type F = (a: string) => void; // not a Function call', true],
    ['a bare exec', 'exec(`ls ${d}`);', true],
    ['a spread of a bare exec call', 'f(...exec(`ls ${d}`));', true],
    ['exec right after a number (not a member access)', 'x = 1.exec(`ls ${d}`);', true],
    ['exec after a comment ending in a dot', '// done.\nexec(`ls ${d}`);', true],
    ['exec on a child_process-like object', 'cp.exec("ls " + d);', true],
    ['SQL anywhere', 'const q = `SELECT * FROM t WHERE id = ${id}`;', true],
    ['shell option', "spawn(cmd, [a], { shell: true });", true],
  ] as const)('%s', (_name, source, mayFire) => {
    expect(jsMayFire(source)).toBe(mayFire);
  });

  // The check is a shortcut: where it skips the query, the query finds nothing. Held on every
  // file of the corpora (TypeScript, and JavaScript through tree-sitter) and on the tables above.
  it('skips the query only where it finds nothing', async () => {
    const cases: [string, string, LanguageId][] = [
      ...loadTsCorpus(1).map((f): [string, string, LanguageId] => [f.path, f.source, f.path.endsWith('.tsx') ? 'tsx' : 'typescript']),
      ...loadCorpus(0.2).map((f): [string, string, LanguageId] => [f.path, f.source, 'javascript']),
      ...JS.map(([name, source]): [string, string, LanguageId] => [name, source, 'javascript']),
      ...TS.map(([name, source]): [string, string, LanguageId] => [name, source, 'typescript']),
    ];
    let skipped = 0;
    for (const [name, source, language] of cases) {
      const tree = (await getParser(language)).parse(source);
      try {
        const all = queryDangerousCalls(tree, language);
        expect(findDangerousCalls(tree, language, source), name).toEqual(all);
        if (all.length > 0) expect(jsMayFire(source), name).toBe(true);
        if (!jsMayFire(source)) skipped++;
      } finally {
        tree.delete();
      }
    }
    expect(skipped).toBeGreaterThan(50);
  }, 60_000);
});

describe('dangerous calls in a commit', () => {
  const judge = async (file: ChangedFile) => {
    const r = await analyseCommitWith({ sha: 'c', message: 'm', files: [file] }, { pool: inThreadParser });
    return r.findings.filter((f) => f.group === 'security').map((f) => [f.rule, f.line]);
  };
  const before = 'export function run(cmd) {\n  eval(cmd);\n  return 1;\n}\n';

  it('judges the added lines from the tree: strings, comments and constants do not fire; old calls are not blamed', async () => {
    const after = [
      'export function run(cmd) {',
      '  eval(cmd);',
      '  const note = "eval(cmd) is bad"; // eval(cmd)',
      "  exec('ls');",
      '  exec(`ls ${cmd}`);',
      '  return 1;',
      '}',
      '',
    ].join('\n');
    const patch = "@@ -1,4 +1,7 @@\n export function run(cmd) {\n   eval(cmd);\n+  const note = \"eval(cmd) is bad\"; // eval(cmd)\n+  exec('ls');\n+  exec(`ls ${cmd}`);\n   return 1;\n }";
    expect(await judge({ path: 'src/run.js', status: 'modified', additions: 3, deletions: 0, before, after, patch })).toEqual([['no-shell-injection', 5]]);
  });

  it('flags a call whose arguments the commit changed, at the changed line', async () => {
    const after = 'export function run(cmd) {\n  eval(\n    cmd + suffix\n  );\n  return 1;\n}\n';
    const patch = '@@ -1,4 +1,6 @@\n export function run(cmd) {\n-  eval(cmd);\n+  eval(\n+    cmd + suffix\n+  );\n   return 1;\n }';
    expect(await judge({ path: 'src/run.js', status: 'modified', additions: 3, deletions: 1, before, after, patch })).toEqual([['no-eval', 2]]);
  });

  it('uses the syntax tree for Python', async () => {
    const after = 'import os\n\ndef clean(path):\n    # os.system(f"rm {path}")\n    os.system(f"rm -rf {path}")\n';
    expect(await judge({ path: 'tools/clean.py', status: 'added', additions: 5, deletions: 0, before: null, after })).toEqual([['no-shell-injection', 5]]);
  });

  it('falls back to the line rules when only the patch is known', async () => {
    const patch = '@@ -1,3 +1,4 @@\n export function run(cmd) {\n+  eval(cmd);\n   return 1;\n }';
    const r = await analyseCommitWith({ sha: 'c', message: 'm', files: [{ path: 'src/run.js', status: 'modified', additions: 1, deletions: 0, patch }] }, { pool: inThreadParser });
    expect(r.partial).toBe(true);
    expect(r.findings.filter((f) => f.group === 'security').map((f) => [f.rule, f.line])).toEqual([['no-eval', 2]]);
  });

  it('keeps the line rules for languages without tree rules', async () => {
    const after = 'def run(cmd)\n  system("ls #{cmd}")\nend\n';
    expect(await judge({ path: 'lib/run.rb', status: 'added', additions: 3, deletions: 0, before: null, after })).toEqual([['no-shell-injection', 2]]);
  });
});
