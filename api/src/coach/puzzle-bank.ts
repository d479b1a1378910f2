/** Placeholder until the bank lands (step 4). */
export interface Puzzle {
  id: string;
  title: string;
}
export const PUZZLES: Puzzle[] = [];
export function findPuzzle(id: string): Puzzle | undefined {
  return PUZZLES.find((p) => p.id === id);
}
