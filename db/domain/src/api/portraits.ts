/** The JSON shapes of the API's portraits routes. */

// ── Portraits ────────────────────────────────────────────────────────────────
/**
 * `GET /api/pets/:id/portrait` (session required; another user's or a missing
 * pet is a 404 like every pet route) → the image itself, not JSON:
 * - a Gemini portrait (`image/png`, or jpeg/webp) for the pet's
 *   (family, species, state, stage) when the server has GEMINI_API_KEY,
 *   generated once per combination and cached for every user;
 * - otherwise, and on any failure or after 10 s, the built-in sprite
 *   (`image/svg+xml`, `spriteSvg` from `@tamagitto/browser-extension/sprites`).
 * Always 200 for a pet you own. Headers: `X-Portrait-Source` (below),
 * `ETag` (`If-None-Match` → 304), `Cache-Control: private, max-age=300`.
 * The image follows the pet's state, so refetch after a `pet.updated` message.
 */
export type PortraitSource = 'gemini' | 'sprite';
/** The response header naming the portrait's source (types only here, like the rest of the contract). */
export type PortraitSourceHeader = 'X-Portrait-Source';
