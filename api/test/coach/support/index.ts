export { TestClock, MIN, HOUR, DAY } from './clock.ts';
export { installContents, type ContentsStore } from './fake-contents.ts';
export { coachStack, type CoachStack } from './coach-stack.ts';
export { installQueueFake, type FakePr, type QueueWorld } from './fake-queue.ts';
export { FakeAnthropic, apiKeyOf, parseSse, type AnthropicRequest } from './fake-anthropic.ts';
