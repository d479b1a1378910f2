/**
 * The day's puzzle: written by Claude when the server has its own
 * ANTHROPIC_API_KEY, otherwise — or when Claude fails, is slow, or answers
 * something that is not a well-formed puzzle — the bank's puzzle for the day
 * (puzzle-bank.ts). Either way the choice is made once per day and kept in
 * `daily_puzzles`, so everyone, on every api instance, gets the same puzzle
 * all day and a submission is checked against the puzzle that was shown.
 *
 * The topic follows the bank's rotation (code reading, complexity, regex,
 * SQL, git), so consecutive days still change topic. The stored row holds
 * the answer; routes send only toPublicPuzzle(puzzle) before submission.
 */
import type { Logger } from '@tamagitto/db';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { recordLlmUsage } from '../analytics/store.ts';
import { anthropicClient, anthropicStatus, estimateCostUsd } from '../coach/llm.ts';
import type { PuzzleKind } from './dto.ts';
import { findPuzzle, puzzleForDay, type Puzzle } from './puzzle-bank.ts';
import { recentClaudeTitles, storedPuzzle, storePuzzleIfFirst } from './store.ts';

/** A puzzle is a nicety: the page must not wait on Claude for long. */
export const PUZZLE_GENERATION_TIMEOUT_MS = 15_000;

const KIND_HINT: Record<PuzzleKind, string> = {
  'code-reading': 'read a short JavaScript/TypeScript or Python snippet and predict its output or value',
  complexity: 'the time or space complexity (big-O) of a short function, or its cyclomatic complexity',
  regex: 'what a regular expression matches, captures or rejects',
  sql: 'the result or behaviour of a short SQL query (joins, NULLs, grouping, ordering)',
  git: 'what a git command does to commits, branches, the index or the working tree',
};

const generated = z
  .object({
    title: z.string().trim().min(3).max(80),
    prompt: z.string().trim().min(5).max(400),
    code: z.string().max(1500).nullish(),
    choices: z.array(z.string().trim().min(1).max(200)).min(3).max(5),
    answer: z.number().int().min(0),
    explanation: z.string().trim().min(10).max(800),
  })
  .refine((p) => p.answer < p.choices.length, { message: 'answer is not one of the choices' })
  .refine((p) => new Set(p.choices).size === p.choices.length, { message: 'choices repeat' });

/** The JSON object in a model's answer (it may wrap it in a ```json fence or a sentence). */
export function parseGeneratedPuzzle(text: string, day: string, kind: PuzzleKind): Puzzle | null {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text.slice(start, end + 1));
  } catch {
    return null;
  }
  const p = generated.safeParse(raw);
  if (!p.success) return null;
  const { code, ...rest } = p.data;
  return { id: `claude-${day}`, kind, ...rest, ...(code?.trim() ? { code: code.replace(/\s+$/, '') } : {}) };
}

function promptFor(day: string, kind: PuzzleKind, recentTitles: string[]): { system: string; user: string } {
  const system =
    'You write one short daily programming puzzle for professional developers. ' +
    'It must have exactly one correct choice, be answerable in under two minutes without running code, and be factually correct. ' +
    'Reply with only a JSON object, no prose.';
  const avoid = recentTitles.length ? ` Do not repeat these recent puzzles: ${recentTitles.map((t) => JSON.stringify(t)).join(', ')}.` : '';
  const user =
    `Write the puzzle for ${day}. Topic: ${kind} — ${KIND_HINT[kind]}.${avoid}\n` +
    'JSON fields: "title" (≤ 60 characters), "prompt" (the question, ≤ 300 characters), "code" (optional snippet, ≤ 15 lines; omit if not needed), ' +
    '"choices" (4 distinct short strings), "answer" (0-based index of the correct choice), "explanation" (why, ≤ 3 sentences).';
  return { system, user };
}

async function generate(deps: AppDeps, apiKey: string, day: string, kind: PuzzleKind, log: Logger): Promise<Puzzle | null> {
  const { system, user } = promptFor(day, kind, await recentClaudeTitles(deps.db, 14));
  const model = deps.env.ANTHROPIC_MODEL;
  const started = performance.now();
  let tokensIn = 0;
  let tokensOut = 0;
  let puzzle: Puzzle | null = null;
  try {
    const msg = await (await anthropicClient(deps, apiKey)).messages.create(
      { model, max_tokens: 800, system, messages: [{ role: 'user', content: user }] },
      { timeout: Math.min(deps.env.ANTHROPIC_TIMEOUT_MS, PUZZLE_GENERATION_TIMEOUT_MS) },
    );
    tokensIn = msg.usage.input_tokens;
    tokensOut = msg.usage.output_tokens;
    const text = msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    puzzle = parseGeneratedPuzzle(text, day, kind);
    if (!puzzle) log.warn({ day }, "Claude's daily puzzle was not a well-formed puzzle; using the bank's");
  } catch (err) {
    // Only a status: an SDK error can carry request details, and the key must never reach a log.
    const status = anthropicStatus(err);
    log.warn({ day, status: status ?? 'network' }, "could not generate the daily puzzle with Claude; using the bank's");
  }
  // The server's key pays for this, not a user: no user_id.
  await recordLlmUsage(deps, {
    user_id: null, provider: 'anthropic', model, purpose: 'puzzle', tokens_in: tokensIn, tokens_out: tokensOut,
    latency_ms: Math.round(performance.now() - started), cost_usd: estimateCostUsd(model, tokensIn, tokensOut), ok: puzzle !== null,
  });
  return puzzle;
}

/** One generation per day per process even when many users open the Puzzle tab at once. */
const inFlight = new WeakMap<AppDeps, Map<string, Promise<Puzzle>>>();

async function decide(deps: AppDeps, day: string, log: Logger): Promise<Puzzle> {
  const existing = await storedPuzzle(deps.db, day);
  if (existing) return existing;
  const bank = puzzleForDay(day);
  const apiKey = deps.env.ANTHROPIC_API_KEY;
  const made = apiKey ? await generate(deps, apiKey, day, bank.kind, log) : null;
  const chosen = made ?? bank;
  // Another instance may have decided meanwhile: the first row wins, everyone reads it back.
  await storePuzzleIfFirst(deps.db, day, chosen, made ? 'claude' : 'bank');
  return (await storedPuzzle(deps.db, day)) ?? chosen;
}

/** The puzzle for `day` ('YYYY-MM-DD'), with its answer: never send it whole before submission. */
export function dailyPuzzle(deps: AppDeps, day: string, log: Logger = deps.log): Promise<Puzzle> {
  let byDay = inFlight.get(deps);
  if (!byDay) inFlight.set(deps, (byDay = new Map()));
  const pending = byDay.get(day);
  if (pending) return pending;
  const p = decide(deps, day, log).finally(() => byDay.delete(day));
  byDay.set(day, p);
  return p;
}

/** The puzzle an attempt answered, given its day's puzzle: that one, or the bank's by id (attempts from before puzzles were stored). */
export function puzzleAnswered(puzzleId: string, dayPuzzle: Puzzle | undefined): Puzzle | undefined {
  return dayPuzzle?.id === puzzleId ? dayPuzzle : findPuzzle(puzzleId);
}

/** The puzzle a past attempt answered, reading its day's stored puzzle. */
export async function puzzleOfAttempt(deps: AppDeps, attempt: { puzzle_day: string; puzzle_id: string }): Promise<Puzzle | undefined> {
  return puzzleAnswered(attempt.puzzle_id, await storedPuzzle(deps.db, attempt.puzzle_day));
}
