/**
 * The built-in puzzle bank: 60 multiple-choice puzzles, 12 each of
 * code reading, complexity, regex, SQL and git. The day's puzzle is the same
 * for everyone on that day: the bank is interleaved by kind and walked one
 * puzzle per day, so consecutive days change topic.
 *
 * `answer` and `explanation` never leave the server before the user has
 * submitted (see toPublicPuzzle in dto.ts).
 */
import type { PuzzleKind } from '@tamagitto/domain';

export interface Puzzle {
  id: string;
  kind: PuzzleKind;
  title: string;
  prompt: string;
  code?: string;
  choices: string[];
  /** Index into `choices`. */
  answer: number;
  explanation: string;
}

type Raw = Omit<Puzzle, 'id' | 'kind'>;

const CODE_READING: Raw[] = [
  { title: 'Map then filter', prompt: 'What does this evaluate to?', code: '[1, 2, 3].map((x) => x * 2).filter((x) => x > 2)', choices: ['[2, 4, 6]', '[4, 6]', '[1, 2, 3]', '[6]'], answer: 1, explanation: 'map gives [2, 4, 6]; filter keeps values above 2.' },
  { title: 'typeof null', prompt: 'What does this print?', code: 'console.log(typeof null)', choices: ["'null'", "'object'", "'undefined'", "'number'"], answer: 1, explanation: 'A historical quirk of JavaScript: typeof null is "object".' },
  { title: 'Floating point', prompt: 'What does this print?', code: 'console.log(0.1 + 0.2 === 0.3)', choices: ['true', 'false', 'NaN', 'It throws'], answer: 1, explanation: '0.1 + 0.2 is 0.30000000000000004 in IEEE 754 doubles.' },
  { title: 'Default sort', prompt: 'What does this return?', code: '[10, 9, 1].sort()', choices: ['[1, 9, 10]', '[10, 9, 1]', '[1, 10, 9]', '[9, 10, 1]'], answer: 2, explanation: 'Without a comparator, sort compares values as strings: "1" < "10" < "9".' },
  { title: 'Shared list', prompt: 'What does this Python print?', code: 'a = [1, 2]\nb = a\nb.append(3)\nprint(len(a))', choices: ['2', '3', '1', 'It raises'], answer: 1, explanation: 'b = a copies the reference, not the list: both names see the append.' },
  { title: 'Block scope', prompt: 'What does this print?', code: 'let x = 1;\n{\n  let x = 2;\n}\nconsole.log(x);', choices: ['1', '2', 'undefined', 'It throws'], answer: 0, explanation: 'The inner let declares a new x that lives only inside the block.' },
  { title: 'Adding arrays', prompt: 'What does this print?', code: 'console.log([] + [])', choices: ['[]', "'' (empty string)", '0', 'NaN'], answer: 1, explanation: 'Both arrays convert to the empty string, and "" + "" is "".' },
  { title: 'String plus number', prompt: 'What does this evaluate to?', code: "'5' + 2", choices: ['7', "'52'", "'7'", 'NaN'], answer: 1, explanation: '+ with a string operand concatenates; only - * / convert to numbers.' },
  { title: 'Floor division', prompt: 'What does this Python print?', code: 'print(7 // 2, -7 // 2)', choices: ['3 -3', '3 -4', '4 -4', '3.5 -3.5'], answer: 1, explanation: '// floors towards negative infinity, so -3.5 becomes -4.' },
  { title: 'Spread copy', prompt: 'What does this print?', code: 'const a = { n: 1 };\nconst b = { ...a };\nb.n = 2;\nconsole.log(a.n);', choices: ['1', '2', 'undefined', 'It throws'], answer: 0, explanation: 'Spread makes a shallow copy; changing b.n leaves a alone.' },
  { title: 'Event loop order', prompt: 'In what order are the letters printed?', code: "console.log('A');\nsetTimeout(() => console.log('B'));\nPromise.resolve().then(() => console.log('C'));\nconsole.log('D');", choices: ['A B C D', 'A D B C', 'A D C B', 'A C D B'], answer: 2, explanation: 'Synchronous code first (A, D), then microtasks (C), then timers (B).' },
  { title: 'Mutable default', prompt: 'What does this Python print?', code: 'def f(x=[]):\n    x.append(1)\n    return len(x)\n\nf()\nprint(f())', choices: ['1', '2', '0', 'It raises'], answer: 1, explanation: 'Default values are evaluated once; the same list is reused across calls.' },
];

const COMPLEXITY: Raw[] = [
  { title: 'Binary search', prompt: 'Time complexity of binary search on a sorted array of n items?', choices: ['O(1)', 'O(log n)', 'O(n)', 'O(n log n)'], answer: 1, explanation: 'Each step halves the remaining range.' },
  { title: 'Two full loops', prompt: 'Time complexity?', code: 'for (let i = 0; i < n; i++)\n  for (let j = 0; j < n; j++) work();', choices: ['O(n)', 'O(n log n)', 'O(n²)', 'O(2ⁿ)'], answer: 2, explanation: 'n iterations of an n-iteration loop: n·n.' },
  { title: 'Triangle loop', prompt: 'Time complexity?', code: 'for (let i = 0; i < n; i++)\n  for (let j = 0; j < i; j++) work();', choices: ['O(n)', 'O(n log n)', 'O(n²)', 'O(n³)'], answer: 2, explanation: '0 + 1 + … + (n−1) = n(n−1)/2, still quadratic.' },
  { title: 'Doubling counter', prompt: 'Time complexity?', code: 'for (let i = 1; i < n; i *= 2) work();', choices: ['O(log n)', 'O(n)', 'O(√n)', 'O(n log n)'], answer: 0, explanation: 'i doubles each time, so about log₂ n iterations.' },
  { title: 'Naive Fibonacci', prompt: 'Time complexity of fib(n) = fib(n−1) + fib(n−2) without memoisation?', choices: ['O(n)', 'O(n²)', 'O(log n)', 'Exponential (about O(1.6ⁿ))'], answer: 3, explanation: 'Every call branches twice; the call tree grows like the Fibonacci numbers themselves.' },
  { title: 'Merge sort', prompt: 'Worst-case time complexity of merge sort?', choices: ['O(n)', 'O(n log n)', 'O(n²)', 'O(log n)'], answer: 1, explanation: 'log n levels of splitting, each merging n items.' },
  { title: 'Hash lookup', prompt: 'Average time to look up a key in a hash map?', choices: ['O(1)', 'O(log n)', 'O(n)', 'O(n log n)'], answer: 0, explanation: 'A good hash spreads keys across buckets, so a lookup inspects a constant number of entries on average.' },
  { title: 'includes in a loop', prompt: 'Time complexity?', code: 'const out = [];\nfor (const x of arr) if (!out.includes(x)) out.push(x);', choices: ['O(n)', 'O(n log n)', 'O(n²)', 'O(1)'], answer: 2, explanation: 'includes scans out linearly for each of n items. A Set makes it O(n).' },
  { title: 'unshift in a loop', prompt: 'Time complexity of calling arr.unshift(x) n times on a JavaScript array?', choices: ['O(n)', 'O(n log n)', 'O(n²)', 'O(1)'], answer: 2, explanation: 'Each unshift moves every existing element one slot.' },
  { title: 'Constant inner loop', prompt: 'Time complexity?', code: 'for (let i = 0; i < n; i++)\n  for (let j = 0; j < 10; j++) work();', choices: ['O(n)', 'O(n²)', 'O(10ⁿ)', 'O(log n)'], answer: 0, explanation: 'The inner loop is a constant 10 iterations: 10n is O(n).' },
  { title: 'Breadth-first search', prompt: 'Time complexity of BFS on a graph stored as adjacency lists (V vertices, E edges)?', choices: ['O(V)', 'O(E)', 'O(V + E)', 'O(V·E)'], answer: 2, explanation: 'Every vertex is dequeued once and every edge examined once.' },
  { title: 'Sort then scan', prompt: 'Time complexity of sorting n numbers and then finding a pair with a given sum using two pointers?', choices: ['O(n)', 'O(n log n)', 'O(n²)', 'O(log n)'], answer: 1, explanation: 'The sort dominates; the two-pointer scan is linear.' },
];

const REGEX: Raw[] = [
  { title: 'Phone pattern', prompt: 'Which string matches /^\\d{3}-\\d{4}$/ ?', choices: ["'5555-123'", "'555-1234'", "'555-12345'", "' 555-1234'"], answer: 1, explanation: 'Anchors ^ and $ require exactly three digits, a dash, four digits — nothing else.' },
  { title: 'Optional letter', prompt: 'Which does /colou?r/ match?', choices: ["Only 'color'", "Only 'colour'", "Both 'color' and 'colour'", 'Neither'], answer: 2, explanation: 'u? means zero or one u.' },
  { title: 'First match only', prompt: 'What does this return?', code: "'aaa'.replace(/a/, 'b')", choices: ["'bbb'", "'baa'", "'aab'", "'aaa'"], answer: 1, explanation: 'Without the g flag only the first match is replaced.' },
  { title: 'Global digits', prompt: 'What does this return?', code: "'a1b2c3'.match(/\\d/g)", choices: ["['1']", "['1', '2', '3']", "'123'", 'null'], answer: 1, explanation: 'With g, match returns every match as an array.' },
  { title: 'Greedy', prompt: 'What does this return?', code: "'<b>x</b>'.match(/<.*>/)[0]", choices: ["'<b>'", "'<b>x</b>'", "'</b>'", "'x'"], answer: 1, explanation: '.* is greedy: it runs to the last > it can find.' },
  { title: 'Lazy', prompt: 'What does this return?', code: "'<b>x</b>'.match(/<.*?>/)[0]", choices: ["'<b>'", "'<b>x</b>'", "'</b>'", "'x'"], answer: 0, explanation: '.*? is lazy: it stops at the first > that completes the match.' },
  { title: 'Capitalised word', prompt: 'Which matches /^[A-Z][a-z]+$/ ?', choices: ["'hello'", "'HELLO'", "'Hello'", "'Hello!'"], answer: 2, explanation: 'One capital, then one or more lower-case letters, and nothing else.' },
  { title: 'Word boundary', prompt: 'What does this return?', code: "'cat concat'.match(/\\bcat\\b/g).length", choices: ['0', '1', '2', '3'], answer: 1, explanation: 'The cat inside concat has a letter before it, so no boundary there.' },
  { title: 'Capture group', prompt: 'What does this return?', code: "/(\\w+)@(\\w+)\\.com/.exec('me@site.com')[2]", choices: ["'me'", "'site'", "'com'", "'me@site.com'"], answer: 1, explanation: 'Index 0 is the whole match; 1 and 2 are the groups in order.' },
  { title: 'Split on a class', prompt: 'What does this return?', code: "'a,b;;c'.split(/[,;]+/)", choices: ["['a', 'b', '', 'c']", "['a', 'b', 'c']", "['a,b', 'c']", "['a', 'b;;c']"], answer: 1, explanation: '[,;]+ treats any run of commas and semicolons as one separator.' },
  { title: 'Repeated group', prompt: 'Which matches /^(ab)+$/ ?', choices: ["'aba'", "'abba'", "'ababab'", "'' (empty)"], answer: 2, explanation: '(ab)+ needs one or more whole "ab" pairs and nothing else.' },
  { title: 'Star matches nothing', prompt: 'What does this return?', code: "/x*/.test('hello')", choices: ['true', 'false', 'null', 'It throws'], answer: 0, explanation: 'x* matches zero x characters — the empty string at position 0.' },
];

const SQL: Raw[] = [
  { title: 'COUNT and NULL', prompt: 'users has 3 rows; one has email NULL. What does this return?', code: 'SELECT COUNT(email) FROM users;', choices: ['3', '2', '1', 'NULL'], answer: 1, explanation: 'COUNT(column) skips NULLs; COUNT(*) would count 3.' },
  { title: 'NULL equality', prompt: 'What does this return?', code: 'SELECT NULL = NULL;', choices: ['true', 'false', 'NULL', 'An error'], answer: 2, explanation: 'Comparing with NULL is unknown (NULL). Use IS NULL / IS NOT DISTINCT FROM.' },
  { title: 'LEFT JOIN rows', prompt: '3 users; user 1 has 2 orders, user 2 has 1, user 3 none. How many rows?', code: 'SELECT * FROM users u LEFT JOIN orders o ON o.user_id = u.id;', choices: ['3', '4', '2', '6'], answer: 1, explanation: '2 + 1 matched rows, plus one row for user 3 with NULL order columns.' },
  { title: 'Filtering groups', prompt: 'Which clause keeps only groups whose COUNT(*) > 5?', choices: ['WHERE', 'HAVING', 'ORDER BY', 'LIMIT'], answer: 1, explanation: 'WHERE filters rows before grouping; HAVING filters groups after aggregation.' },
  { title: 'DISTINCT with NULLs', prompt: 'Column v holds 1, 1, 2, NULL, NULL. How many rows?', code: 'SELECT DISTINCT v FROM t;', choices: ['2', '3', '4', '5'], answer: 1, explanation: 'DISTINCT treats NULLs as equal to each other: 1, 2, NULL.' },
  { title: 'Default order', prompt: 'ORDER BY created_at without ASC or DESC sorts…', choices: ['Ascending', 'Descending', 'In insertion order', 'Randomly'], answer: 0, explanation: 'ASC is the default.' },
  { title: 'Composite index', prompt: 'Which single index serves both WHERE last_name = ? AND first_name = ? and WHERE last_name = ? ?', choices: ['(first_name, last_name)', '(last_name, first_name)', '(first_name)', 'No single index can'], answer: 1, explanation: 'A B-tree index serves queries on its leading columns: last_name first.' },
  { title: 'Integer division', prompt: 'What does PostgreSQL return?', code: 'SELECT 5 / 2;', choices: ['2.5', '2', '3', 'An error'], answer: 1, explanation: 'Two integers divide as integers, truncating. 5 / 2.0 gives 2.5.' },
  { title: 'UNION', prompt: 'How many rows?', code: 'SELECT 1 UNION SELECT 2 UNION SELECT 2 UNION SELECT 3;', choices: ['3', '4', '2', '1'], answer: 0, explanation: 'UNION removes duplicates; UNION ALL would keep 4 rows.' },
  { title: 'COALESCE', prompt: 'What does this return?', code: "SELECT COALESCE(NULL, NULL, 'x', 'y');", choices: ['NULL', "'x'", "'y'", "'xy'"], answer: 1, explanation: 'COALESCE returns its first non-NULL argument.' },
  { title: 'LIMIT and OFFSET', prompt: 'Which rows of the ordered result does this return?', code: 'SELECT * FROM t ORDER BY id LIMIT 10 OFFSET 20;', choices: ['1st to 10th', '20th to 30th', '21st to 30th', '11th to 20th'], answer: 2, explanation: 'OFFSET 20 skips twenty rows; LIMIT 10 takes the next ten.' },
  { title: 'NOT IN with NULL', prompt: 'How many rows does this return?', code: 'SELECT 1 WHERE 3 NOT IN (1, 2, NULL);', choices: ['1', '0', 'An error', '3'], answer: 1, explanation: '3 <> NULL is unknown, so the whole NOT IN is unknown and the row is filtered out.' },
];

const GIT: Raw[] = [
  { title: 'Undo the last commit', prompt: 'Undo your last (unpushed) commit but keep its changes staged:', choices: ['git reset --hard HEAD~1', 'git reset --soft HEAD~1', 'git revert HEAD', 'git checkout HEAD~1'], answer: 1, explanation: '--soft moves the branch back and leaves the index and working tree as they were.' },
  { title: 'New branch', prompt: 'Create a branch called feature and switch to it:', choices: ['git branch feature', 'git switch -c feature', 'git checkout feature', 'git merge feature'], answer: 1, explanation: 'git branch only creates it; switch -c (or checkout -b) creates and switches.' },
  { title: 'Rewriting history', prompt: 'Which command rewrites commits, so it should not be used on a branch others have pulled?', choices: ['git revert', 'git merge', 'git rebase', 'git fetch'], answer: 2, explanation: 'Rebase replays commits as new ones with new hashes.' },
  { title: 'Undo a pushed commit', prompt: 'Safely undo a commit that is already on the shared main branch:', choices: ['git reset --hard <sha>~1 && git push -f', 'git revert <sha>', 'git commit --amend', 'git rm <sha>'], answer: 1, explanation: 'revert adds a new commit that undoes the change; history stays intact.' },
  { title: 'Who changed this line', prompt: 'Show the commit and author that last changed each line of a file:', choices: ['git log', 'git blame', 'git show', 'git diff'], answer: 1, explanation: 'git blame annotates each line with its last commit.' },
  { title: 'Hunting a regression', prompt: 'Find the commit that introduced a bug by binary search over history:', choices: ['git bisect', 'git grep', 'git reflog', 'git shortlog'], answer: 0, explanation: 'bisect halves the range of suspect commits at each step.' },
  { title: 'What fetch does', prompt: 'git fetch …', choices: ['merges the remote branch into yours', 'downloads new commits and updates remote-tracking branches, leaving your branch and files alone', 'uploads your commits', 'discards local changes'], answer: 1, explanation: 'fetch only downloads; pull = fetch + merge (or rebase).' },
  { title: 'Shelving work', prompt: 'Put uncommitted changes aside to switch tasks, and get them back later:', choices: ['git stash', 'git reset', 'git clean', 'git tag'], answer: 0, explanation: 'stash saves them on a stack; stash pop restores them.' },
  { title: 'One commit from elsewhere', prompt: 'Apply a single commit from another branch onto yours:', choices: ['git merge', 'git cherry-pick <sha>', 'git rebase -i', 'git pull'], answer: 1, explanation: 'cherry-pick re-applies that one commit on top of the current branch.' },
  { title: 'HEAD~2', prompt: 'HEAD~2 means…', choices: ['the second branch', 'the commit two before the current one (the grandparent, following first parents)', 'the second parent of a merge', 'two commits ahead'], answer: 1, explanation: '~ follows first parents; ^2 would pick the second parent of a merge.' },
  { title: 'After a bad reset', prompt: 'You ran git reset --hard and lost a commit. Which command helps find it again?', choices: ['git reflog', 'git status', 'git fsck --lost-found only', 'git log --all'], answer: 0, explanation: 'The reflog records where HEAD has been, including the commit you reset away.' },
  { title: 'Fast-forward', prompt: 'A merge can fast-forward when…', choices: ['both branches changed the same file', 'your branch has no commits the other lacks', 'the other branch was rebased', 'you pass --no-ff'], answer: 1, explanation: 'If your tip is an ancestor of theirs, Git just moves the pointer.' },
];

const GROUPS: [PuzzleKind, Raw[]][] = [
  ['code-reading', CODE_READING],
  ['complexity', COMPLEXITY],
  ['regex', REGEX],
  ['sql', SQL],
  ['git', GIT],
];

/** Interleaved by kind so consecutive days change topic. */
export const PUZZLES: Puzzle[] = Array.from({ length: 12 }, (_, i) => GROUPS.map(([kind, list]) => ({ id: `${kind}-${String(i + 1).padStart(2, '0')}`, kind, ...list[i]! }))).flat();

export function findPuzzle(id: string): Puzzle | undefined {
  return PUZZLES.find((p) => p.id === id);
}

/** Same for everyone on a given day ('YYYY-MM-DD'). */
export function puzzleForDay(day: string): Puzzle {
  const n = Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
  return PUZZLES[((n % PUZZLES.length) + PUZZLES.length) % PUZZLES.length]!;
}
