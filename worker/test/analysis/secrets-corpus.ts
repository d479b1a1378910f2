/**
 * The labelled secrets corpus (secrets-corpus/): realistic files — dotenv,
 * YAML, properties, INI, TOML, XML, Terraform, Dockerfiles, shell, JS/TS,
 * Python, Go, Java, C#, Ruby, Markdown, keys and certificates — holding the
 * credential families of gitleaks' and trufflehog's public rules, and the
 * look-alikes that fool scanners: public keys and certificates, placeholders
 * (`changeme`, `${VAR}`, `<your-token>`, `xxxx…`), documentation examples,
 * UUIDs and hashes, and test fixtures named as such.
 *
 * The files (stored as `<path>.corpus`) hold `{{fake:generator}}` slots where a secret goes; loading
 * expands them (fake-secrets.ts, seeded by path) into values in each
 * provider's real format. labels.json says, per file, which line holds which
 * kind of secret (the scanner's rule id); every other line is a negative.
 *
 * Shared by secrets-corpus.test.ts (recall/precision gate) and the bench
 * (bench/analysis/run.ts: ours vs secretlint's recommended preset).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandSlots } from './fake-secrets.ts';

export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'secrets-corpus');

export interface LabelledFile {
  path: string;
  /** The file as a scanner sees it: slots expanded. */
  text: string;
  /** The file as stored: slots, no secrets. */
  template: string;
  /** 1-based line → kind of secret on it. */
  labels: Map<number, string>;
}

interface LabelsJson {
  files: Record<string, Record<string, string>>;
}

export function loadSecretsCorpus(): LabelledFile[] {
  const labels = JSON.parse(readFileSync(join(CORPUS_DIR, 'labels.json'), 'utf8')) as LabelsJson;
  return Object.entries(labels.files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, lines]) => {
      // Stored as `<path>.corpus`, so no compiler, linter or test runner takes them for the project's own files.
      const template = readFileSync(join(CORPUS_DIR, 'files', `${path}.corpus`), 'utf8');
      return { path, template, text: expandSlots(template, path), labels: new Map(Object.entries(lines).map(([line, kind]) => [Number(line), kind])) };
    });
}

/** What a scanner reported on a file: each finding with the lines it spans (one line for ours; secretlint may span a block, or the whole file). */
export interface Finding {
  start: number;
  end: number;
  rule: string;
}

export interface Score {
  /** Findings that cover a labelled line. */
  truePositives: number;
  /** Findings that cover no labelled line. */
  falsePositives: number;
  /** Labelled lines no finding covers. */
  falseNegatives: number;
  /** Labelled lines covered / labelled lines. */
  recall: number;
  /** Findings covering a labelled line / findings. */
  precision: number;
  /** Labelled lines no finding covers, by kind: `path:line`. */
  missesByKind: Map<string, string[]>;
  /** Findings that cover no labelled line: `path:line rule`. */
  falseAlarms: string[];
  /** Found lines where no finding names the labelled kind: `path:line label ≠ rules` (meaningful for our rule ids). */
  kindMismatches: string[];
}

/**
 * The same scoring for every scanner, whatever its rule names: a labelled line
 * is found when a finding covers it; a finding is right when it covers a
 * labelled line. (A finding spanning the whole file is right only if the file
 * holds a secret, and finds every labelled line in it.)
 */
export function score(corpus: readonly LabelledFile[], findingsOf: (file: LabelledFile) => readonly Finding[]): Score {
  const s: Score = { truePositives: 0, falsePositives: 0, falseNegatives: 0, recall: 0, precision: 0, missesByKind: new Map(), falseAlarms: [], kindMismatches: [] };
  let found = 0;
  for (const file of corpus) {
    const findings = findingsOf(file);
    for (const [line, kind] of file.labels) {
      const covering = findings.filter((f) => f.start <= line && line <= f.end);
      if (covering.length > 0) {
        found++;
        if (!covering.some((f) => f.rule === kind)) s.kindMismatches.push(`${file.path}:${line} ${kind} ≠ ${covering.map((f) => f.rule).join(',')}`);
      } else {
        s.falseNegatives++;
        const list = s.missesByKind.get(kind) ?? [];
        list.push(`${file.path}:${line}`);
        s.missesByKind.set(kind, list);
      }
    }
    for (const f of findings) {
      if ([...file.labels.keys()].some((line) => f.start <= line && line <= f.end)) s.truePositives++;
      else {
        s.falsePositives++;
        s.falseAlarms.push(`${file.path}:${f.start} ${f.rule}`);
      }
    }
  }
  s.recall = found / Math.max(1, found + s.falseNegatives);
  s.precision = s.truePositives / Math.max(1, s.truePositives + s.falsePositives);
  return s;
}
