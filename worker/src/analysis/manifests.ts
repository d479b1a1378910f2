/**
 * What a commit changed in a dependency manifest or lockfile, line by line: a
 * dependency (and which), the package's own metadata (its version, scripts,
 * build settings), or nothing (blank lines, braces, comments). A release
 * commit that bumps only the package's own version changes no dependency, and
 * a Cargo.lock or pom.xml hunk names the package its `version` line belongs
 * to only in the lines around it: both need the file's structure, not just
 * the changed line.
 *
 * Formats read here: package.json, package-lock.json / npm-shrinkwrap.json,
 * Cargo.toml, Cargo.lock, pyproject.toml, pom.xml, go.mod, go.sum, .NET's project and props files
 * (package items), dotnet-tools.json, packages.lock.json, and GitHub Actions
 * workflows (`uses:` lines). Their structure is read from the
 * side a line is on (the after side for added lines, the before side for
 * removed ones); where that side's contents are unknown, or for any other
 * manifest, a line is `unknown` — the caller treats it as a dependency line,
 * as before this file existed.
 */
import { RuleClock } from './line-budget.ts';
import type { DiffLine } from './patch.ts';

export type LineRole = { role: 'dependency'; name?: string } | { role: 'own' } | { role: 'none' } | { role: 'unknown' };

/** The roles of the given line numbers (1-based) of one side's contents. */
type Reader = (lines: readonly string[], wanted: ReadonlySet<number>, clock: RuleClock) => Map<number, LineRole>;

/** The highest wanted line (a spread of a lockfile's 100,000 changed lines would overflow the stack). */
function lastOf(wanted: ReadonlySet<number>): number {
  let last = 0;
  for (const n of wanted) if (n > last) last = n;
  return last;
}

const NONE: LineRole = { role: 'none' };
const OWN: LineRole = { role: 'own' };
const UNKNOWN: LineRole = { role: 'unknown' };
const dependency = (name?: string): LineRole => (name ? { role: 'dependency', name } : { role: 'dependency' });

/** package.json's maps of dependencies (npm, yarn's resolutions, pnpm's overrides under `pnpm`). */
const NPM_DEPENDENCY_KEYS = new Set(['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies', 'overrides', 'resolutions', 'pnpm']);

/**
 * JSON read line by line: for each wanted line, the keys of the objects and arrays open at its
 * first key (or at its start, when it holds no key) — `["devDependencies", "vitest"]` for
 * `    "vitest": "^4.0.0",` inside `"devDependencies": {`. Arrays count as one level with no key.
 */
function jsonPaths(lines: readonly string[], wanted: ReadonlySet<number>, clock: RuleClock): Map<number, string[] | null> {
  const out = new Map<number, string[] | null>();
  const stack: string[] = [];
  const last = lastOf(wanted);
  let inString = false;
  let escaped = false;
  let text = '';
  let key: string | null = null;
  for (let i = 0; i < lines.length && i < last; i++) {
    const line = lines[i]!;
    if (clock.expired(i + 1, line.length)) break;
    let firstKeyPath: string[] | null = null;
    for (let j = 0; j < line.length; j++) {
      const c = line[j]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        else text += c;
        continue;
      }
      if (c === '"') {
        inString = true;
        text = '';
      } else if (c === ':') {
        key = text;
        firstKeyPath ??= [...stack, text];
      } else if (c === '{' || c === '[') {
        stack.push(key ?? '');
        key = null;
      } else if (c === '}' || c === ']') {
        stack.pop();
      } else if (c === ',') {
        key = null;
      }
    }
    // The document's own braces are not a key: paths start below them.
    if (wanted.has(i + 1)) out.set(i + 1, line.trim() === '' || /^[\s{}[\],]*$/.test(line) ? null : (firstKeyPath ?? [...stack]).slice(1));
  }
  return out;
}

const readPackageJson: Reader = (lines, wanted, clock) => {
  const roles = new Map<number, LineRole>();
  for (const [n, path] of jsonPaths(lines, wanted, clock)) {
    if (path === null) roles.set(n, NONE);
    else if (path.length === 0) roles.set(n, OWN);
    else if (NPM_DEPENDENCY_KEYS.has(path[0]!)) roles.set(n, path.length > 1 ? dependency(path[1]) : dependency());
    else roles.set(n, OWN);
  }
  return roles;
};

/** The package name in a lockfile's `node_modules/a/node_modules/@b/c` key: `@b/c`. */
function lockKeyName(key: string): string | undefined {
  const at = key.lastIndexOf('node_modules/');
  return at < 0 ? undefined : key.slice(at + 'node_modules/'.length) || undefined;
}

const readPackageLock: Reader = (lines, wanted, clock) => {
  const roles = new Map<number, LineRole>();
  for (const [n, path] of jsonPaths(lines, wanted, clock)) {
    if (path === null) roles.set(n, NONE);
    else if (path[0] === 'packages' && path.length > 1) {
      // packages[""] is the project itself: its own fields, and a copy of package.json's dependency maps.
      if (path[1] === '') roles.set(n, path.length > 2 && NPM_DEPENDENCY_KEYS.has(path[2]!) ? dependency(path[3]) : OWN);
      else roles.set(n, dependency(lockKeyName(path[1]!)));
    } else if (path[0] === 'dependencies' && path.length > 1) roles.set(n, dependency(path[1])); // lockfile v1
    else roles.set(n, OWN);
  }
  return roles;
};

/** A TOML table header's name: `[dependencies.regex-automata]`, `[[package]]`, `[target.'cfg(windows)'.dependencies]`; else null. */
function tomlHeader(line: string): string | null {
  const t = line.trim();
  if (!t.startsWith('[')) return null;
  const double = t.startsWith('[[');
  const close = t.indexOf(']');
  if (close < 0) return null;
  const rest = t.slice(close + (double ? 2 : 1)).trim();
  return rest === '' || rest.startsWith('#') ? t.slice(double ? 2 : 1, close).trim() : null;
}
const TOML_KEY = /^\s*(?:"([^"]+)"|'([^']+)'|([\w.-]+))\s*=/;
const CARGO_DEPENDENCY_TABLE = /(?:^|\.)(?:dev-|build-)?dependencies(?:\.|$)|^(?:patch|replace)(?:\.|$)/;
/** `[dependencies.regex-automata]` (any dependency table): the one dependency it is about. */
const CARGO_NAMED_TABLE = /(?:^|\.)(?:dev-|build-)?dependencies\.(?:"([^"]+)"|'([^']+)'|([\w-]+))$/;

function isBlankOrComment(line: string, comment: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith(comment);
}

const readCargoToml: Reader = (lines, wanted, clock) => {
  const roles = new Map<number, LineRole>();
  const last = lastOf(wanted);
  let table: { dependencies: boolean; name?: string } = { dependencies: false };
  for (let i = 0; i < lines.length && i < last; i++) {
    const line = lines[i]!;
    if (clock.expired(i + 1, line.length)) break;
    const header = tomlHeader(line);
    if (header !== null) {
      const name = CARGO_NAMED_TABLE.exec(header);
      table = { dependencies: CARGO_DEPENDENCY_TABLE.test(header), ...(name && { name: name[1] ?? name[2] ?? name[3] }) };
    }
    if (!wanted.has(i + 1)) continue;
    if (isBlankOrComment(line, '#')) roles.set(i + 1, NONE);
    else if (!table.dependencies) roles.set(i + 1, OWN);
    else if (header !== null || table.name) roles.set(i + 1, dependency(table.name));
    else {
      const key = TOML_KEY.exec(line);
      roles.set(i + 1, dependency(key ? (key[1] ?? key[2] ?? key[3]) : undefined));
    }
  }
  return roles;
};

/** The distribution a PEP 508 requirement names: `typing_extensions; python_version < '3.13'` → `typing_extensions`. */
function requirementName(text: string): string | undefined {
  const quoted = /["']([A-Za-z0-9][\w.-]*)/.exec(text);
  return quoted?.[1];
}

/** Whether a line holds a `]` outside quotes (`"requests[socks]",` does not close the list). */
function closesList(line: string): boolean {
  let quote = '';
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return false;
    else if (c === ']') return true;
  }
  return false;
}

/** pyproject.toml tables whose every key is a dependency (or a list of them). */
const PYPROJECT_DEPENDENCY_TABLE = /^(project\.optional-dependencies|dependency-groups|tool\.poetry(\.group\.[\w-]+)?\.(dev-)?dependencies)$/;
/** Keys that hold a dependency list in any table (`[project] dependencies`, `[build-system] requires`, `[tool.uv] dev-dependencies`). */
const PYPROJECT_DEPENDENCY_KEY = /^(dependencies|requires|dev-dependencies|constraint-dependencies|override-dependencies)$/;

/**
 * pyproject.toml: dependency arrays (`dependencies = [ … ]`, optional-dependencies and
 * dependency-groups, build requires) and Poetry's dependency tables; `[project] version`, tool
 * settings and the rest are the project's own.
 */
const readPyproject: Reader = (lines, wanted, clock) => {
  const roles = new Map<number, LineRole>();
  const last = lastOf(wanted);
  let table = '';
  let inList = false;
  for (let i = 0; i < lines.length && i < last; i++) {
    const line = lines[i]!;
    if (clock.expired(i + 1, line.length)) break;
    const n = i + 1;
    const header = inList ? null : tomlHeader(line);
    let role: LineRole;
    if (header !== null) {
      table = header;
      role = PYPROJECT_DEPENDENCY_TABLE.test(header) ? dependency() : OWN;
    } else if (isBlankOrComment(line, '#')) role = NONE;
    else if (inList) {
      role = line.trim().startsWith(']') ? NONE : dependency(requirementName(line));
      if (closesList(line)) inList = false;
    } else {
      const key = TOML_KEY.exec(line);
      const name = key ? (key[1] ?? key[2] ?? key[3]) : undefined;
      const listed = PYPROJECT_DEPENDENCY_TABLE.test(table) || (name !== undefined && PYPROJECT_DEPENDENCY_KEY.test(name) && !table.startsWith('tool.poetry'));
      if (listed && /=\s*\[/.test(line)) {
        // `dependencies = [` (the list goes on) or all on one line: `requires = ["hatchling"]`.
        const rest = line.slice(line.indexOf('[') + 1);
        inList = !closesList(rest);
        role = dependency(requirementName(rest));
      } else role = PYPROJECT_DEPENDENCY_TABLE.test(table) ? dependency(name) : OWN;
    }
    if (wanted.has(n)) roles.set(n, role);
  }
  return roles;
};

/** Cargo.lock: a `[[package]]` with a `source` is a dependency; one without is a crate of this workspace. */
const readCargoLock: Reader = (lines, wanted, clock) => {
  const roles = new Map<number, LineRole>();
  const blocks: { start: number; end: number; name?: string; source: boolean }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (clock.expired(i + 1, line.length)) return roles;
    if (tomlHeader(line) !== null) {
      blocks.push({ start: i + 1, end: lines.length, source: false });
      if (blocks.length > 1) blocks[blocks.length - 2]!.end = i;
      continue;
    }
    const block = blocks[blocks.length - 1];
    if (!block) continue;
    const field = /^(name|source)\s*=\s*"([^"]*)"/.exec(line);
    if (field?.[1] === 'name') block.name = field[2];
    else if (field?.[1] === 'source') block.source = true;
  }
  for (const n of wanted) {
    const block = blocks.find((b) => b.start <= n && n <= b.end);
    if (isBlankOrComment(lines[n - 1] ?? '', '#')) roles.set(n, NONE);
    else if (!block) roles.set(n, OWN); // `version = 4`: the lockfile's format
    else roles.set(n, block.source ? dependency(block.name) : OWN);
  }
  return roles;
};

/** pom.xml elements that declare something this build fetches: their coordinates are dependency lines. */
const POM_BLOCKS = /<(\/?)(dependency|plugin|extension|path|parent)>/g;
const POM_COORDINATE = /<\/?(groupId|artifactId|version|scope|type|classifier|optional|dependency|plugin|extension|path|parent)>/;

const readPom: Reader = (lines, wanted, clock) => {
  const roles = new Map<number, LineRole>();
  type Block = { tag: string; start: number; end: number; artifact?: string; group?: string };
  const open: Block[] = [];
  const closed: Block[] = [];
  let ownGroup: string | undefined;
  let inProperties = false;
  const properties = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (clock.expired(i + 1, line.length)) return roles;
    if (/<properties>/.test(line)) inProperties = true;
    if (inProperties) properties.add(i + 1);
    if (/<\/properties>/.test(line)) inProperties = false;
    for (const m of line.matchAll(POM_BLOCKS)) {
      if (!m[1]) open.push({ tag: m[2]!, start: i + 1, end: lines.length });
      else {
        const b = open.pop();
        if (b) closed.push({ ...b, end: i + 1 });
      }
    }
    const innermost = open[open.length - 1];
    const coordinate = /<(artifactId|groupId)>\s*([^<\s]+)\s*<\/\1>/.exec(line);
    if (coordinate && innermost) {
      if (coordinate[1] === 'artifactId') innermost.artifact ??= coordinate[2];
      else innermost.group ??= coordinate[2];
    } else if (coordinate?.[1] === 'groupId' && !inProperties) ownGroup ??= coordinate[2];
  }
  closed.push(...open);
  for (const n of wanted) {
    const line = lines[n - 1] ?? '';
    const t = line.trim();
    if (t === '' || t.startsWith('<!--')) {
      roles.set(n, NONE);
      continue;
    }
    const property = /^<([\w.-]+?)[.-]?version>[^<]*<\/[\w.-]+>$/i.exec(t);
    if (properties.has(n)) {
      roles.set(n, property ? dependency(property[1]) : OWN);
      continue;
    }
    // The innermost block around the line (the latest to open among those that hold it).
    let block: Block | undefined;
    for (const b of closed) if (b.start <= n && n <= b.end && (!block || b.start > block.start)) block = b;
    // A module's parent of the same group is this project's own version (a release bumps it everywhere).
    const ownParent = block?.tag === 'parent' && (ownGroup === undefined || ownGroup === block.group);
    roles.set(n, block && !ownParent && POM_COORDINATE.test(t) ? dependency(block.artifact) : OWN);
  }
  return roles;
};

const readGoMod: Reader = (lines, wanted) => {
  const roles = new Map<number, LineRole>();
  for (const n of wanted) {
    const line = lines[n - 1] ?? '';
    if (isBlankOrComment(line, '//') || line.trim() === ')') roles.set(n, NONE);
    else if (/^\s*(module|go|toolchain|godebug)\b/.test(line)) roles.set(n, OWN);
    else roles.set(n, dependency());
  }
  return roles;
};

/** A JSON manifest whose dependencies sit at a fixed depth: `tools.<name>` (dotnet-tools.json), `dependencies.<framework>.<name>` (packages.lock.json). */
function jsonMap(mapKey: string, nameDepth: number): Reader {
  return (lines, wanted, clock) => {
    const roles = new Map<number, LineRole>();
    for (const [n, path] of jsonPaths(lines, wanted, clock)) {
      if (path === null) roles.set(n, NONE);
      else roles.set(n, path[0] === mapKey && path.length > nameDepth ? dependency(path[nameDepth]) : path[0] === mapKey ? dependency() : OWN);
    }
    return roles;
  };
}

/** An MSBuild package item on a line of its own: `<PackageReference Include="Polly" Version="8.0" />`, `<PackageVersion …>`, `Update=`. */
function msbuildPackage(line: string): { name: string; closed: boolean } | null {
  const t = line.trim();
  if (!/^<(PackageReference|PackageVersion|GlobalPackageReference)\s/.test(t)) return null;
  const name = /\b(?:Include|Update)="([^"]+)"/.exec(t)?.[1];
  return name ? { name, closed: t.endsWith('/>') } : null;
}

/** .csproj, Directory.Packages.props and the like: package items (one line, or a block with its `<Version>`) are dependencies. */
const readMsbuild: Reader = (lines, wanted, clock) => {
  const roles = new Map<number, LineRole>();
  const last = lastOf(wanted);
  let open: string | undefined;
  for (let i = 0; i < lines.length && i < last; i++) {
    const line = lines[i]!;
    if (clock.expired(i + 1, line.length)) break;
    const item = msbuildPackage(line);
    const inside = open;
    if (item && !item.closed) open = item.name;
    if (open && /<\/(PackageReference|PackageVersion|GlobalPackageReference)>/.test(line)) open = undefined;
    if (!wanted.has(i + 1)) continue;
    const t = line.trim();
    if (t === '' || t.startsWith('<!--')) roles.set(i + 1, NONE);
    else if (item) roles.set(i + 1, dependency(item.name));
    else roles.set(i + 1, inside ? dependency(inside) : OWN);
  }
  return roles;
};

/** A workflow step's or action's `uses:` (not a local `./` action): the action it runs, by name. */
const readActions: Reader = (lines, wanted) => {
  const roles = new Map<number, LineRole>();
  for (const n of wanted) {
    const line = lines[n - 1] ?? '';
    const uses = /^\s*(?:-\s*)?uses:\s*['"]?([^@\s'"]+)@/.exec(line);
    if (isBlankOrComment(line, '#')) roles.set(n, NONE);
    else roles.set(n, uses && !uses[1]!.startsWith('./') && !uses[1]!.startsWith('docker://') ? dependency(uses[1]) : OWN);
  }
  return roles;
};

/** go.sum: `<module> <version>[/go.mod] <hash>` — every line names its module. */
const readGoSum: Reader = (lines, wanted) => {
  const roles = new Map<number, LineRole>();
  for (const n of wanted) {
    const module = /^(\S+)\s+v\S+\s+h1:/.exec(lines[n - 1] ?? '')?.[1];
    roles.set(n, module ? dependency(module) : (lines[n - 1] ?? '').trim() === '' ? NONE : UNKNOWN);
  }
  return roles;
};

const READERS: [RegExp, Reader][] = [
  [/(^|\/)package\.json$/, readPackageJson],
  [/(^|\/)(package-lock|npm-shrinkwrap)\.json$/, readPackageLock],
  [/(^|\/)Cargo\.toml$/, readCargoToml],
  [/(^|\/)pyproject\.toml$/, readPyproject],
  [/(^|\/)Cargo\.lock$/, readCargoLock],
  [/(^|\/)pom\.xml$/, readPom],
  [/(^|\/)go\.mod$/, readGoMod],
  [/(^|\/)go\.sum$/, readGoSum],
  [/(^|\/)dotnet-tools\.json$/, jsonMap('tools', 1)],
  [/(^|\/)packages\.lock\.json$/, jsonMap('dependencies', 2)],
  [/\.(csproj|fsproj|vbproj|props|targets)$/, readMsbuild],
  [/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$|(^|\/)action\.ya?ml$/, readActions],
];

export interface ManifestChange {
  /** Each changed line's role, added lines first (in `changes` order), then removed ones. */
  added: LineRole[];
  removed: LineRole[];
}

/**
 * The roles of a manifest's changed lines, each read on its own side (`before` / `after`:
 * the contents, `null` for a side that does not exist, `undefined` when unknown).
 * @example manifestChange('package.json', { added: [{ line: 3, text: '  "version": "1.0.1",' }], removed: [] }, { after: '{\n  "name": "a",\n  "version": "1.0.1",\n}' })
 * // { added: [{ role: 'own' }], removed: [] }
 */
export function manifestChange(
  path: string,
  changes: { added: readonly DiffLine[]; removed: readonly DiffLine[] },
  sides: { before?: string | null; after?: string | null },
  clock = RuleClock.unlimited(),
): ManifestChange {
  const reader = READERS.find(([file]) => file.test(path))?.[1];
  const side = (lines: readonly DiffLine[], content: string | null | undefined): LineRole[] => {
    if (lines.length === 0) return [];
    if (!reader || typeof content !== 'string') return lines.map(() => UNKNOWN);
    const roles = reader(content.split('\n'), new Set(lines.map((l) => l.line)), clock);
    return lines.map((l) => roles.get(l.line) ?? UNKNOWN);
  };
  return { added: side(changes.added, sides.after), removed: side(changes.removed, sides.before) };
}
