/**
 * The coaching routes (Queue/Coach/Puzzle/Stats) are built in another issue
 * and their DTOs are not in api/src/contract.ts yet, so the popup reads them
 * tolerantly: known field names, sensible fallbacks, never a crash on a shape
 * change. Replace with contract types once they land.
 */
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** `{ items: [...] }`, a bare array, or another list key. */
export function listOf(v: unknown, ...keys: string[]): Obj[] {
  if (Array.isArray(v)) return v.filter(isObj);
  if (!isObj(v)) return [];
  for (const k of ['items', ...keys]) {
    const x = v[k];
    if (Array.isArray(x)) return x.filter(isObj);
  }
  return [];
}

export interface QueueItem {
  title: string;
  url: string | null;
  repo: string;
  kind: string;
  score: number | null;
  reasons: string[];
}

export function toQueueItem(o: Obj): QueueItem {
  const reasons = Array.isArray(o.reasons) ? o.reasons.map((r) => (isObj(r) ? str(r.label ?? r.message ?? r.reason) : str(r))).filter(Boolean) : [];
  return {
    title: str(o.title ?? o.name, 'Untitled'),
    url: str(o.url ?? o.htmlUrl ?? o.html_url) || null,
    repo: str(o.repo ?? o.repository ?? o.fullName),
    kind: str(o.kind ?? o.type),
    score: num(o.score),
    reasons,
  };
}

export interface Puzzle {
  id: string;
  title: string;
  prompt: string;
  choices: string[];
  solved: boolean;
}

export function toPuzzle(v: unknown): Puzzle | null {
  const o = isObj(v) && isObj(v.puzzle) ? v.puzzle : v;
  if (!isObj(o)) return null;
  const choices = Array.isArray(o.choices) ? o.choices.map((c) => (isObj(c) ? str(c.label ?? c.text ?? c.id) : str(c))) : [];
  return {
    id: str(o.id),
    title: str(o.title, "Today's puzzle"),
    prompt: str(o.prompt ?? o.question ?? o.description),
    choices,
    solved: o.solved === true || (isObj(v) && v.solved === true),
  };
}

export interface VelocityDay {
  date: string;
  merged: number;
  reviewed: number;
}

export function toVelocity(v: unknown): VelocityDay[] {
  return listOf(v, 'days', 'series').map((d) => ({
    date: str(d.date ?? d.day),
    merged: num(d.merged ?? d.prsMerged) ?? 0,
    reviewed: num(d.reviewed ?? d.prsReviewed) ?? 0,
  }));
}

export function badgeNames(v: unknown): { name: string; description: string }[] {
  return listOf(v, 'badges').map((b) => ({ name: str(b.name ?? b.title ?? b.id, 'Badge'), description: str(b.description) }));
}

export function chatReply(v: unknown): string {
  if (!isObj(v)) return '';
  return str(v.reply ?? v.message ?? v.text ?? (isObj(v.message) ? v.message.content : undefined));
}
