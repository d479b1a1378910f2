export { FakeGithub, unifiedPatch, type FakeFile, type FakeUser } from './fake-github.ts';
export { startStack, stackTargets, pushPayload, sha, until, errorOf, socketOf, type Stack, type StackTarget, type TestSocket } from './stack.ts';
