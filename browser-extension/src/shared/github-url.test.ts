import { describe, expect, it } from 'vitest';
import { parseRepoFromUrl } from './github-url.ts';

describe('parseRepoFromUrl', () => {
  it.each([
    ['https://github.com/octo/cat', { owner: 'octo', name: 'cat' }],
    ['https://github.com/octo/cat/', { owner: 'octo', name: 'cat' }],
    ['https://github.com/octo/cat/pull/12/files', { owner: 'octo', name: 'cat' }],
    ['https://github.com/octo/cat.git', { owner: 'octo', name: 'cat' }],
    ['https://github.com/my-org/some.repo_name?tab=readme', { owner: 'my-org', name: 'some.repo_name' }],
    ['https://github.com/octo', null],
    ['https://github.com/', null],
    ['https://github.com/settings/profile', null],
    ['https://github.com/orgs/octo/repositories', null],
    ['https://github.com/search?q=x', null],
    ['https://gitlab.com/octo/cat', null],
    ['not a url', null],
  ])('%s', (url, expected) => {
    expect(parseRepoFromUrl(url)).toEqual(expected);
  });
});
