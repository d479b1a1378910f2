import { getUser } from '@tamagitto/db';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../http/errors.ts';

/** The signed-in user's GitHub token, decrypted for one request and never kept. */
export async function userGithubToken(deps: AppDeps, userId: string): Promise<string> {
  const user = await getUser(deps.db, userId);
  if (!user) throw new AppError(401, 'invalid_token', 'this session belongs to a user that no longer exists');
  if (!user.token_encrypted) throw new AppError(401, 'github_unauthorized', 'no GitHub token on file: sign in again');
  try {
    return deps.cipher.decrypt(user.token_encrypted);
  } catch {
    // The key changed (TOKEN_ENCRYPTION_KEY rotated or DATA_DIR replaced): a new sign-in fixes it.
    throw new AppError(401, 'github_unauthorized', 'stored GitHub token cannot be read: sign in again');
  }
}
