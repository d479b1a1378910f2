/**
 * `GET /api/pets/:id/portrait` answers with the image itself, not JSON (see
 * the operation in the api's OpenAPI document): a Gemini portrait when the
 * server has GEMINI_API_KEY, else, and on any failure or after 10 s, the
 * built-in sprite (`spriteSvg` in this package). Headers: `X-Portrait-Source`
 * (below), `ETag` (`If-None-Match` → 304), `Cache-Control: private, max-age=300`.
 * These are constants of that answer, so they are written here by hand.
 */
export type PortraitSource = 'gemini' | 'sprite';
/** The response header naming the portrait's source. */
export type PortraitSourceHeader = 'X-Portrait-Source';
