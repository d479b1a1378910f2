/** The JSON shapes of the API's auth routes. */

export interface UserDto {
  id: string;
  login: string;
  name: string | null;
  avatarUrl: string | null;
}

/** `POST /api/auth/pat`, `POST /api/auth/github/exchange`. */
export interface SessionDto {
  /** Session JWT (HS256, 24 h). Send as `Authorization: Bearer <token>`. */
  token: string;
  expiresAt: string;
  user: UserDto;
}

/** `GET /api/auth/github?redirect_uri=` → where to send the browser (launchWebAuthFlow);
 * 501 `not_configured` when the server has no GitHub OAuth app. */
export interface OAuthStartDto {
  url: string;
  state: string;
}

/** `GET /api/repos` → `{ items: RepoDto[] }`. */
