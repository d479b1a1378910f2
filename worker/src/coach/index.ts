export { runCoachNudges, evaluateNudges, LONG_BLOCK_MIN, NO_COMMIT_DAYS, type Nudge, type NudgeKind, type NudgeContext, type NudgeRunResult } from './nudges.ts';
export { detectPattern, refreshProfile, storedPattern, PATTERN_STYLE, type CoachPattern, type ProfileSignals } from './profile.ts';
