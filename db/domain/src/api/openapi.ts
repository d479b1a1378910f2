/**
 * GENERATED from the api's OpenAPI document by `npm run openapi -w api`
 * (api/src/docs/generate-types.ts). Do not edit: change the route schemas in
 * api/src/<feature>/ and regenerate. api/test/openapi.test.ts fails while this
 * file is stale.
 */
export type paths = {
    "/api/analyses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One commit's full vet report
         * @description Visible to users who have a pet on that repository and can still read it on GitHub (403 `access_lost` otherwise).
         */
        get: operations["getApiAnalysesById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/llm-usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your LLM calls, tokens and estimated cost per day */
        get: operations["getApiAnalyticsLlmUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/velocity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * PRs merged and PRs reviewed per day
         * @description When GitHub rate-limits us the answer is still 200, with the numbers read so far, `truncated` and `rateLimit.limited`.
         */
        get: operations["getApiAnalyticsVelocity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/github": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Start signing in with GitHub OAuth
         * @description Returns the GitHub page to open; GitHub then redirects to `redirect_uri` with a `code` for `POST /api/auth/github/exchange`. `scopes` asks for more than the usual scopes (only `gist`, when sharing a badge as a Gist). 501 `not_configured` when this server has no GitHub OAuth app.
         */
        get: operations["getApiAuthGithub"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/github/exchange": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finish signing in with GitHub OAuth
         * @description Trades GitHub's code for a GitHub token (kept encrypted, never returned) and signs in with it. 400 `bad_request` when GitHub refuses the code.
         */
        post: operations["postApiAuthGithubExchange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out: end this session
         * @description Revokes the session this token belongs to, on every api instance: the token is refused from now on (401), and the WebSockets it opened are closed with code 4401. Other sessions of the same user (other devices) stay signed in.
         */
        post: operations["postApiAuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/pat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with a GitHub token
         * @description GitHub checks the token (`GET /user`); it is stored encrypted and never returned. The answer holds the session token for every other route.
         */
        post: operations["postApiAuthPat"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/badges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your badges, streak and number of puzzles solved */
        get: operations["getApiBadges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/badges/share": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Share a week's badges as a secret Gist
         * @description Creates a secret Gist in your GitHub account (your token needs the gist scope) and remembers its URL on the badges.
         */
        post: operations["postApiBadgesShare"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a pull request
         * @description Queues a check of the PR’s head: what merging it would do to the pet. The repository must be one you adopted, and your GitHub token must be able to read the PR. One check per (repository, PR, head SHA): 202 for a new one, 200 with the same id for a repeat — except that a repeat of a `failed` or `superseded` check queues it again (202, the same id). A newer head supersedes the PR’s unfinished checks.
         */
        post: operations["postApiChecks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/checks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One PR check
         * @description Its status and progress; the report and verdict once done.
         */
        get: operations["getApiChecksById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversation/chat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask the coach (streamed with Accept: text/event-stream)
         * @description At most 20 questions a minute per user. Claude answers with the key in X-Anthropic-Key, the rule-based coach without one. A bad key, an outage or a timeout before the first word is a JSON error; a failure mid-stream is an `error` event.
         */
        post: operations["postApiConversationChat"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversation/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your conversation with the coach, nudges included */
        get: operations["getApiConversationHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversation/proactive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What the coach would bring up now
         * @description Evaluates the nudge triggers (and sends, once, whatever is new over the WebSocket, as the worker would) and writes a short nudge — by Claude with X-Anthropic-Key, by the rule-based coach without.
         */
        post: operations["postApiConversationProactive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rendered API reference (HTML) */
        get: operations["getApiDocs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/docs/assets/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reference page's script and stylesheet */
        get: operations["getApiDocsAssetsByFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-Sent Events: live updates about your pets, for scripts and tools
         * @description The WebSocket's updates as `text/event-stream`, for callers that cannot hold a WebSocket: with your session, or an API key holding `pets:read` (`X-API-Key`; a key without that scope is 403). Each event has `id:` (its stored id), `event:` (its kind) and one `data:` line, the same JSON as the WebSocket's frame (components.schemas.ServerMessage): `pet.updated`, `pet.deleted`, `check.updated` for PR checks of your pets' repositories, and `coach.nudge` (session streams only); clients ignore kinds they do not know. The stream opens with `retry: 3000` and a comment, and sends a comment line (`: heartbeat`) every LIVE_SSE_HEARTBEAT_MS (default 15 s). Send `Last-Event-ID` (EventSource does on reconnect) to first receive the stored events after that id — they are kept LIVE_EVENTS_RETENTION_HOURS (default 24 h); resuming from before the oldest one kept first sends `event: resync` (`{"type":"resync"}`): refetch your pets. A client that stops reading is cut off once more than LIVE_MAX_BUFFERED_BYTES (default 256 KiB) wait for it; it resumes with its last id. Signing out ends a session's stream; revoking a key ends its streams within a minute.
         */
        get: operations["getApiEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/github/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your work queue: review requests, own PRs and assigned issues, scored
         * @description Unchanged GitHub data is revalidated with ETags, so refreshing often is cheap. When GitHub rate-limits us the answer is still 200, partial or from the last complete fetch (`stale`).
         */
        get: operations["getApiGithubQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/github/queue/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The top three of the queue, each with a reason */
        get: operations["getApiGithubQueueRecommendations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["getApiHealthLive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: the instance can accept webhooks (the database answers)
         * @description The bus is reported in `checks.bus`; Redis down alone answers 200 `degraded`, not 503.
         */
        get: operations["getApiHealthReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your API keys */
        get: operations["getApiKeys"];
        put?: never;
        /**
         * Create an API key
         * @description Returns the key once (`tg_…`); only its SHA-256 is stored. At most 20 live keys per user (409 beyond).
         */
        post: operations["postApiKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description The key stops working at once.
         */
        delete: operations["deleteApiKeysById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in user
         * @description `token` says whether GitHub still accepts the stored GitHub token; when `rejected`, sign in again.
         */
        get: operations["getApiMe"];
        put?: never;
        post?: never;
        /**
         * Delete your account and everything stored about it
         * @description Type your GitHub login in `confirm` (400 `confirm_mismatch` otherwise, and nothing changes). First the webhooks Tamagitto registered on repositories nobody else adopted are removed with your token (best effort: each one is reported); then, in one transaction, your sessions, the stored token, pets and their history, day sessions and work blocks, conversations, puzzle attempts, badges, the coaching profile, your LLM usage rows, and the repositories nobody else adopted with their vet reports and stored deliveries. Your open WebSockets are closed (code 4401) on every instance.
         */
        delete: operations["deleteApiMe"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export everything stored about you
         * @description A JSON download: profile and settings, pets with their health history, the vet reports of their repositories, day sessions and work blocks, conversations with the coach, puzzle attempts, badges, the coaching profile, LLM usage and your sessions. Never the GitHub token (`githubToken` says it is stored encrypted and not exported), never another user’s data.
         */
        get: operations["getApiMeExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your settings */
        get: operations["getApiMeSettings"];
        /**
         * Replace your settings
         * @description Send the whole object; the answer is what was stored (weekdays sorted, the timezone in its canonical spelling). Invalid input is a 400 `validation_failed` naming the field, and changes nothing.
         */
        put: operations["putApiMeSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics (text exposition format)
         * @description For the scraper, not the public: requires `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise) and answers 404 when METRICS_TOKEN is not configured. Caddy does not serve it; scrape each instance directly.
         */
        get: operations["getApiMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This API as an OpenAPI 3.1 document */
        get: operations["getApiOpenapiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your pets */
        get: operations["getApiPets"];
        put?: never;
        /**
         * Adopt a repository
         * @description Creates the repository's pet (an egg) and registers a webhook when this server has a public URL. Adopting a repository whose pet died revives it, with the same cooldown as `POST /api/pets/{id}/revive`.
         */
        post: operations["postApiPets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of your pets */
        get: operations["getApiPetsById"];
        put?: never;
        post?: never;
        /**
         * Release a pet
         * @description Deletes the pet with its history; your open sockets get a `pet.deleted` message. When nobody else has a pet on the repository, the webhook Tamagitto registered there is removed with your token (best effort: the server's log says whether GitHub confirmed it), and the repository's vet reports and stored deliveries are deleted.
         */
        delete: operations["deleteApiPetsById"];
        options?: never;
        head?: never;
        /**
         * Rename, favourite, reorder your pet, make its README badge public, or set its repository's PR-check thresholds
         * @description Only the fields you send change. `GET /api/pets` lists favourites first, then by `position`. `checkThresholds` is the repository's (every adopter's checks of it are judged by it): 400 when `failAtDelta` would be above `warnBelowDelta`, 403 `access_lost` when you can no longer read the repository.
         */
        patch: operations["patchApiPetsById"];
        trace?: never;
    };
    "/api/pets/{id}/analyses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Vet reports of the pet's repository, newest first, a page at a time */
        get: operations["getApiPetsByIdAnalyses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pets/{id}/badge.svg": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A pet's README badge (an SVG)
         * @description No session: answers only when the pet's owner turned the badge on (`badgePublic`), 404 otherwise (as for a pet that does not exist). A flat shields.io-style badge: the pet's sprite and "tamagitto", then its name and health, coloured by its state.
         */
        get: operations["getApiPetsByIdBadgeSvg"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pets/{id}/checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The pet's PR checks
         * @description Newest first; `before` pages back.
         */
        get: operations["getApiPetsByIdChecks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pets/{id}/checks/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The pet's PR check stats
         * @description Checks passed / warned / failed per week, the median CI duration and the share of AI-co-authored commits, over the last 12 weeks.
         */
        get: operations["getApiPetsByIdChecksStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pets/{id}/failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The pet's failed analyses
         * @description Deliveries of the pet’s repository whose analysis failed for good: GitHub kept failing for over a day, or something else went wrong a few times. Each says why. `POST /api/pets/{id}/retry-failed` tries them again.
         */
        get: operations["getApiPetsByIdFailed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pets/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A pet's health history, newest first */
        get: operations["getApiPetsByIdHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pets/{id}/portrait": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A pet's portrait (an image)
         * @description A Gemini portrait (PNG, or JPEG/WebP) for the pet's family, species, state and stage when the server has GEMINI_API_KEY, generated once per combination and cached for every user; otherwise, and on any failure or after 10 s, the built-in sprite (`image/svg+xml`). Always 200 for a pet you own. The image follows the pet's state: refetch after a `pet.updated` message.
         */
        get: operations["getApiPetsByIdPortrait"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pets/{id}/pulls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The pet's open pull requests with their checks
         * @description The repository’s open pull requests, read from GitHub with your token (most recently updated first), each with its newest check or null — a PR without one can be checked with `POST /api/checks`. GitHub failing is a 502 `github_error` (429 `rate_limited` when it limits the token, 401 `github_unauthorized` when it rejects it).
         */
        get: operations["getApiPetsByIdPulls"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pets/{id}/retry-failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry the pet's failed analyses
         * @description Queues every failed delivery of the pet’s repository for analysis again, with a fresh retry budget. Each commit still counts once.
         */
        post: operations["postApiPetsByIdRetryFailed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pets/{id}/revive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revive a dead pet
         * @description Only after the 48 h cooldown: earlier is a 409 `cooldown` with Retry-After (seconds); a living pet is a 409 `conflict`; a pet whose repository you can no longer read is a 403 `access_lost`.
         */
        post: operations["postApiPetsByIdRevive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pets/{id}/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register the pet's repository webhook again
         * @description With your GitHub token: 200 with the pet (`webhook.registered`). Otherwise the reason is stored on the pet's `webhook.error` too: 403 `forbidden` when GitHub does not let the token add webhooks (repo admin and `admin:repo_hook`, fine-grained Webhooks: write), 501 `not_configured` when this server has no PUBLIC_URL, 502 `github_error` when GitHub refuses or fails.
         */
        post: operations["postApiPetsByIdWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pets/by-repo/{owner}/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your pet on a repository, by its owner and name */
        get: operations["getApiPetsByRepoByOwnerByName"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/puzzle/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer today's puzzle (once a day)
         * @description A correct answer extends the streak, may award badges and gives each hatched, living pet a small health bonus (once a day).
         */
        post: operations["postApiPuzzleSubmit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/puzzle/today": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Today's puzzle (with the solution once you have answered) */
        get: operations["getApiPuzzleToday"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/repos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your GitHub repositories, to pick one to adopt
         * @description Most recently pushed first, at most 300; each says whether you already adopted it.
         */
        get: operations["getApiRepos"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{id}/blocks/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the running work block */
        post: operations["postApiSessionsByIdBlocksEnd"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{id}/blocks/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a work block */
        post: operations["postApiSessionsByIdBlocksStart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the session and write the journal entry
         * @description Ends the running block too. The entry is appended to `.tamagitto/journal.md` in the journal repository (given here, or when starting), never overwriting anyone's edit; if it cannot be written the session still ends and `session.journal.error` says why.
         */
        post: operations["postApiSessionsByIdEnd"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start today's session
         * @description Starting twice is harmless (two popups, a retry): the same session comes back, with the journal repository updated if given.
         */
        post: operations["postApiSessionsStart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sessions/today": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Today's session, if started */
        get: operations["getApiSessionsToday"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhook/github": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a GitHub webhook delivery
         * @description Called by GitHub, not by clients. The body is the event payload as GitHub sends it (`application/json`, at most 25 MB). The signature is checked on the raw body before anything else: 401 `bad_signature` when it is missing or wrong. Then 400 `bad_request` for a missing or malformed X-GitHub-Delivery / X-GitHub-Event or a body that is not a JSON object, 400 `unknown_event` for an event GitHub does not define, 415 when the webhook is not set to send JSON, 413 over 25 MB. The 202 comes as soon as the delivery is stored in the database; it is queued for analysis after, whatever the queue (Redis) does. While the database cannot be reached the answer is 503 `db_unavailable`: redeliver it (a delivery id already stored is acknowledged again, not processed twice).
         */
        post: operations["postApiWebhookGithub"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ws": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The WebSocket: live updates about your pets and the coach
         * @description Open as a WebSocket (`Upgrade: websocket`) with `?ticket=` from `POST /api/ws/ticket`. The ticket is checked before the upgrade: missing, invalid, expired, already used, or its session signed out → 401 with the error envelope, no socket. After the upgrade the server sends JSON text frames, each a `ServerMessage` (components.schemas.ServerMessage), starting with `hello`; the client may send `{"type":"ping"}` (a `ClientMessage`), answered with `pong`. The server pings every 30 s and drops peers that stop answering, and terminates a socket that stops reading once more than LIVE_MAX_BUFFERED_BYTES (default 256 KiB) wait for it. Signing out (or deleting the account) closes the socket with code 4401. A plain HTTP request (no upgrade) is answered 426.
         */
        get: operations["getApiWs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ws/ticket": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A ticket to open the WebSocket
         * @description Single use and valid 30 s; any api instance accepts it. It belongs to this session: signing out closes the sockets it opened.
         */
        post: operations["postApiWsTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        /** @description The account and everything stored about it are gone. */
        AccountDeleted: {
            /** @description How many rows went, table by table. */
            deleted: {
                badges: number;
                coachingProfiles: number;
                conversations: number;
                daySessions: number;
                healthHistory: number;
                /** @description Your coach calls in the LLM usage log: deleted, not kept anonymised. */
                llmUsage: number;
                /** @description Records of which coach nudges you were already sent. */
                nudgeClaims: number;
                pets: number;
                puzzleAttempts: number;
                /** @description Repositories nobody else adopted, with their vet reports and stored webhook deliveries. */
                repositories: number;
                sessions: number;
                users: number;
                vetReports: number;
                webhookDeliveries: number;
                workBlocks: number;
            };
            /** @description The webhooks Tamagitto had registered on repositories nobody else adopted, removed with your token before deleting. */
            webhooks: {
                /** @description Why not: remove it by hand in the repository settings → Webhooks. */
                error?: string;
                /** @description GitHub confirmed the webhook Tamagitto registered is gone. */
                removed: boolean;
                /** @description "owner/name" */
                repository: string;
            }[];
        };
        /** @description Everything stored about you, as JSON. Never your GitHub token, never another user’s data. */
        AccountExport: {
            /** @description Your personal API keys (the keys themselves are never stored, only their SHA-256). */
            apiKeys: {
                createdAt: string;
                id: string;
                lastUsedAt: string | null;
                name: string;
                prefix: string;
                revokedAt: string | null;
                scopes: string[];
            }[];
            badges: {
                awardedAt: string;
                gistUrl: string | null;
                kind: string;
                meta: unknown;
                period: string;
            }[];
            /** @description The PR checks you asked for. */
            checks: {
                createdAt: string;
                headSha: string;
                id: string;
                pr: number;
                report: unknown;
                repository: string;
                status: string;
                verdict: string | null;
            }[];
            coachingProfile: {
                pattern: string;
                signals: unknown;
                updatedAt: string;
            } | null;
            conversations: {
                at: string;
                content: string;
                role: string;
                source: string | null;
            }[];
            daySessions: {
                day: string;
                endedAt: string | null;
                journalError: string | null;
                journalSha: string | null;
                startedAt: string;
                summary: unknown;
                workBlocks: {
                    endedAt: string | null;
                    label: string | null;
                    startedAt: string;
                }[];
            }[];
            exportedAt: string;
            /** @constant */
            format: "tamagitto-export/1";
            llmUsage: {
                at: string;
                costUsd: number;
                latencyMs: number;
                model: string;
                ok: boolean;
                provider: string;
                purpose: string;
                tokensIn: number;
                tokensOut: number;
            }[];
            pets: {
                accessCheckedAt: string | null;
                accessLostAt: string | null;
                createdAt: string;
                diedAt: string | null;
                family: string;
                goodDays: number;
                health: number;
                /** @description Every change of its health, oldest first. */
                history: {
                    at: string;
                    delta: number;
                    healthAfter: number;
                    note: string | null;
                    reason: string;
                    sha: string | null;
                    stateAfter: string;
                }[];
                id: string;
                lastCommitAt: string | null;
                name: string;
                repository: {
                    fullName: string;
                    githubId: number;
                    private: boolean;
                    webhookRegistered: boolean;
                };
                revivedAt: string | null;
                species: string;
                stage: string;
                state: string;
            }[];
            puzzleAttempts: {
                answer: string;
                at: string;
                correct: boolean;
                day: string;
                puzzleId: string;
            }[];
            /** @description Your sign-ins (session tokens themselves are never stored). */
            sessions: {
                createdAt: string;
                current: boolean;
                expiresAt: string;
                id: string;
                revokedAt: string | null;
            }[];
            settings: {
                notifyOnDecline: boolean;
                restDays: number[];
                timezone: string;
                vacationUntil: string | null;
            };
            user: {
                avatarUrl: string | null;
                createdAt: string;
                githubId: number;
                /** @constant */
                githubToken: "stored encrypted; not exported";
                id: string;
                login: string;
                name: string | null;
                tokenRejectedAt: string | null;
                tokenRejectedReason: string | null;
                tokenScopes: string | null;
                updatedAt: string;
            };
            /** @description The vet reports of your pets' repositories (shared with anyone else who adopted the same repository). */
            vetReports: {
                additions: number;
                authorLogin: string | null;
                committedAt: string | null;
                createdAt: string;
                deletions: number;
                delta: number;
                engineVersion: string;
                filesChanged: number;
                findings: unknown;
                id: string;
                message: string;
                metrics: unknown;
                parentSha: string | null;
                partial: boolean;
                poorQuality: boolean;
                repository: string;
                sha: string;
                url: string | null;
            }[];
            /** @description Repositories you can no longer read on GitHub: their reports are not exported. */
            vetReportsWithheld: string[];
        };
        AdoptRequest: {
            /**
             * @description The repository to adopt, as "owner/name"; the token you signed in with must be able to read it.
             * @example octocat/hello-world
             */
            repo: string;
        };
        /** @description A commit's full vet report. */
        AnalysisDetail: {
            additions: number;
            authorLogin: string | null;
            createdAt: string;
            deletions: number;
            /** @description What the commit did to the pet’s health. */
            delta: number;
            engineVersion: string;
            filesChanged: number;
            findings: components["schemas"]["Finding"][];
            id: string;
            message: string;
            /** @description The formula's inputs and the per-group numbers. */
            metrics: {
                [key: string]: unknown;
            };
            /** @description Some files could not be analysed (too large, binary, or GitHub capped the list). */
            partial: boolean;
            poorQuality: boolean;
            sha: string;
            skippedFiles: components["schemas"]["SkippedFile"][];
            /** @description The most important findings (at most 5); the full list is `GET /api/analyses/{id}`. */
            topFindings: components["schemas"]["Finding"][];
            url: string | null;
        };
        /** @description Newest first. */
        AnalysisPage: {
            items: components["schemas"]["AnalysisSummary"][];
            /** @description Pass as `cursor` for the next (older) page; null on the last page. */
            nextCursor: string | null;
        };
        /** @description A commit's vet report, in short. */
        AnalysisSummary: {
            additions: number;
            authorLogin: string | null;
            createdAt: string;
            deletions: number;
            /** @description What the commit did to the pet’s health. */
            delta: number;
            filesChanged: number;
            id: string;
            message: string;
            /** @description The formula's inputs and the per-group numbers. */
            metrics: {
                [key: string]: unknown;
            };
            /** @description Some files could not be analysed (too large, binary, or GitHub capped the list). */
            partial: boolean;
            poorQuality: boolean;
            sha: string;
            /** @description The most important findings (at most 5); the full list is `GET /api/analyses/{id}`. */
            topFindings: components["schemas"]["Finding"][];
            url: string | null;
        };
        /** @description A personal API key, without the key. */
        ApiKey: {
            createdAt: string;
            id: string;
            /** @description When the key was last accepted (to the minute). */
            lastUsedAt: string | null;
            name: string;
            /** @description The key’s first characters, to tell keys apart. */
            prefix: string;
            scopes: components["schemas"]["ApiKeyScope"][];
        };
        /** @description Your live keys, newest first. */
        ApiKeys: {
            keys: components["schemas"]["ApiKey"][];
        };
        /**
         * @description `checks:write`: request and read PR checks (POST /api/checks, GET /api/checks/{id}); `pets:read`: read pets and their checks.
         * @enum {string}
         */
        ApiKeyScope: "checks:write" | "pets:read";
        /** @description A signed-in session. */
        AuthSession: {
            expiresAt: string;
            /** @description Session JWT (HS256, 24 h, revocable with `POST /api/auth/logout`). Send as `Authorization: Bearer <token>`. */
            token: string;
            user: components["schemas"]["User"];
        };
        Badge: {
            awardedAt: string;
            description: string;
            gistUrl: string | null;
            id: string;
            kind: string;
            /** @description '' for once-only badges, '2026-W48' for weekly ones. */
            period: string;
            title: string;
        };
        BadgeList: {
            items: components["schemas"]["Badge"][];
            /** @description Days with a correct answer, all time. */
            solved: number;
            streak: {
                best: number;
                current: number;
            };
        };
        BadgeShare: {
            badges: components["schemas"]["Badge"][];
            /** @description The secret Gist. */
            url: string;
            week: string;
        };
        /** @description The coach's answer. With `Accept: text/event-stream` the same answer is streamed: `meta`, then `delta` chunks, then `done` with this object (or `error`). */
        ChatReply: {
            /** @description Id of the stored answer. */
            conversationId: string;
            /** @description A human label for the source, to show next to the answer. */
            label: string;
            message: string;
            /** @description The Claude model; null for the rule-based coach. */
            model: string | null;
            pattern: components["schemas"]["CoachPattern"];
            source: components["schemas"]["CoachSource"];
            /** @description Tokens and estimated cost (USD) of a Claude answer; null for the rule-based coach. */
            usage: {
                costUsd: number;
                tokensIn: number;
                tokensOut: number;
            } | null;
        };
        /** @description A PR check: what merging the pull request would do to the pet. */
        Check: {
            baseSha: string;
            createdAt: string;
            /** @description The last failure’s cause (a retry may be scheduled; `failed`: given up). */
            error: string | null;
            /** @description Whether the `tamagitto/pet` commit status reached GitHub, and why not (e.g. the token lacks the permission). */
            githubStatus: {
                error: string | null;
                posted: boolean;
            };
            headSha: string;
            id: string;
            pr: {
                name: string;
                number: number;
                owner: string;
                url: string;
            };
            /** @description 0–100. */
            progress: number;
            /** @description Set when done (shape: README, "PR checks"). */
            report: {
                [key: string]: unknown;
            } | null;
            status: components["schemas"]["CheckStatus"];
            updatedAt: string;
            /** @description Set when done. */
            verdict: ("pass" | "warn" | "fail") | null;
        };
        /** @description The check of this PR head: GET /api/checks/{id} follows it. */
        CheckCreated: {
            id: string;
            status: components["schemas"]["CheckStatus"];
        };
        /** @description A pet’s checks, newest first. */
        ChecksPage: {
            items: components["schemas"]["Check"][];
            /** @description Pass as `before` for the next (older) page; null on the last page. */
            nextBefore: string | null;
        };
        /** @description A pet’s PR checks over the last 12 weeks. */
        CheckStats: {
            /** @description Share (0–1) of the checked commits with an AI assistant’s Co-authored-by trailer; null without commits. */
            aiCoAuthoredShare: number | null;
            /** @description Finished checks in those weeks. */
            checks: number;
            /** @description Median of the checks’ median CI durations on their head SHA, in seconds. */
            medianCiDurationS: number | null;
            /** @description The last 12 weeks, oldest first, every week listed. */
            weeks: {
                fail: number;
                pass: number;
                warn: number;
                /** @description The week’s Monday (UTC), YYYY-MM-DD. */
                week: string;
            }[];
        };
        /**
         * @description `superseded`: a newer head of the same PR has its own check.
         * @enum {string}
         */
        CheckStatus: "queued" | "running" | "done" | "failed" | "superseded";
        /** @description What the repository's PR checks are judged by: fail, else warn, else pass. */
        CheckThresholds: {
            /** @description Whether an adopter changed any of them (false: the defaults). */
            custom: boolean;
            /** @description A predicted health delta at or below this fails (default -10). */
            failAtDelta: number;
            /** @description A secret added anywhere in the PR fails it (default true). */
            failOnSecret: boolean;
            /** @description A predicted health delta below this warns (default 0). */
            warnBelowDelta: number;
            /** @description Code changed without any test file changing warns (default true). */
            warnOnUntestedCode: boolean;
        };
        /** @description The repository's PR-check thresholds to change (those left out stay); null restores every default. Shared by the repository's adopters. */
        CheckThresholdsPatch: {
            /** @description −100…100; not above warnBelowDelta. */
            failAtDelta?: number;
            failOnSecret?: boolean;
            /** @description −100…100. */
            warnBelowDelta?: number;
            warnOnUntestedCode?: boolean;
        } | null;
        /**
         * @description CI of the head commit, from commit statuses and check runs together: any failure fails, anything running is pending.
         * @enum {string}
         */
        CiState: "success" | "failure" | "pending" | "none";
        /** @description The only frame a client may send: a keepalive, answered with `pong`. Anything else is ignored. */
        ClientMessage: {
            /** @constant */
            type: "ping";
        };
        /**
         * @description The user's work pattern as the coach sees it; it changes the coach's tone and focus.
         * @enum {string}
         */
        CoachPattern: "peter" | "ransom" | "balanced";
        /**
         * @description 'llm' = Claude with the user's key; 'rules' = the key-less, rule-based coach.
         * @enum {string}
         */
        CoachSource: "llm" | "rules";
        ConversationHistory: {
            /** @description Oldest first. */
            items: components["schemas"]["ConversationMessage"][];
        };
        ConversationMessage: {
            content: string;
            createdAt: string;
            id: string;
            /** @enum {string} */
            role: "user" | "assistant" | "nudge";
            /** @description Who wrote an answer or nudge; null for the user's own messages. */
            source: components["schemas"]["CoachSource"] | null;
        };
        CreateApiKey: {
            /** @description Your label for the key, e.g. "CI of octocat/hello". */
            name: string;
            /** @description What the key may do. */
            scopes: components["schemas"]["ApiKeyScope"][];
        };
        CreateCheck: {
            /**
             * @description The pull request’s URL on github.com.
             * @example https://github.com/octocat/hello-world/pull/42
             */
            pr: string;
        };
        /** @description A new key, with the key itself (never shown again). */
        CreatedApiKey: {
            createdAt: string;
            id: string;
            /** @description The key, `tg_…`: shown this once, stored only as a hash. Send it as `X-API-Key`. */
            key: string;
            /** @description When the key was last accepted (to the minute). */
            lastUsedAt: string | null;
            name: string;
            /** @description The key’s first characters, to tell keys apart. */
            prefix: string;
            scopes: components["schemas"]["ApiKeyScope"][];
        };
        /**
         * @description The pet's kind, chosen from the repository's main language.
         * @enum {string}
         */
        CreatureFamily: "pet" | "plant" | "robot" | "golem" | "blob";
        /** @description A day session: the user's working day, split into work blocks. */
        DaySession: {
            blocks: components["schemas"]["WorkBlock"][];
            /** @description 'YYYY-MM-DD' in the user's time zone. */
            day: string;
            endedAt: string | null;
            id: string;
            journal: components["schemas"]["JournalStatus"];
            openBlock: components["schemas"]["WorkBlock"] | null;
            startedAt: string;
            totalMinutes: number;
        };
        DeleteAccountRequest: {
            /** @description Your GitHub login, typed again to confirm (compared case-insensitively). */
            confirm: string;
        };
        /** @description Every failure, with a 4xx or 5xx status. Never an HTML page, never a stack trace. */
        Error: {
            error: {
                code: components["schemas"]["ErrorCode"];
                message: string;
            };
        };
        /**
         * @description Stable, machine-readable; the message is for people.
         * @enum {string}
         */
        ErrorCode: "bad_request" | "validation_failed" | "unauthorized" | "invalid_token" | "token_expired" | "forbidden" | "access_lost" | "confirm_mismatch" | "not_found" | "conflict" | "cooldown" | "payload_too_large" | "unsupported_media_type" | "bad_signature" | "unknown_event" | "rate_limited" | "github_error" | "github_unauthorized" | "llm_error" | "timeout" | "not_ready" | "db_unavailable" | "not_configured" | "contract_violation" | "internal";
        /** @description The pet's repository's failed deliveries, newest first (at most 50). */
        FailedDeliveries: {
            failed: components["schemas"]["FailedDelivery"][];
        };
        /** @description A delivery whose analysis failed for good (until retried). */
        FailedDelivery: {
            /** @description How many attempts failed before it was given up on. */
            attempts: number;
            /** @description Commits in the push. */
            commits: number;
            /** @description GitHub's delivery id (X-GitHub-Delivery). */
            deliveryId: string;
            /** @description The last cause, e.g. "gave up after 34 attempts (github): 502 Server Error". */
            error: string | null;
            /** @description `github`: GitHub kept failing; `transient`: our own services; `other`: anything else. */
            errorKind: ("transient" | "github" | "other") | null;
            /** @description The webhook event, e.g. `push`. */
            event: string;
            /** @description The push's head commit. */
            headSha: string | null;
            /** @description When the delivery arrived. */
            receivedAt: string;
        };
        /** @description One thing the analysis noticed in a commit. */
        Finding: {
            file: string;
            function?: string;
            /** @enum {string} */
            group: "complexity" | "testing" | "documentation" | "style" | "security";
            line?: number;
            /** @description Human-readable; never contains a secret (secrets are masked). */
            message: string;
            /** @description The numbers and names in `message`, so a client can word it from `rule` in its own language (names per rule: FINDING_PARAMS in db/domain/src/vet-report.ts; `secret/<id>`: description, masked; `more`: further hits in the file). Absent on older findings. */
            params?: {
                [key: string]: string | number;
            };
            rule: string;
            /** @enum {string} */
            severity: "info" | "warning" | "error";
        };
        /** @description GitHub's rate limit as last seen; `limited` means GitHub asked us to back off and the data may be stale or partial. */
        GithubRate: {
            limit: number | null;
            limited: boolean;
            message: string | null;
            remaining: number | null;
            resetAt: string | null;
            retryAfterSeconds: number | null;
        };
        /** @description One change of a pet's health. */
        HealthEntry: {
            at: string;
            delta: number;
            healthAfter: number;
            id: string;
            note: string | null;
            reason: components["schemas"]["HealthReason"];
            sha: string | null;
            stateAfter: components["schemas"]["PetState"];
        };
        /** @description Readiness means this instance can accept webhooks: the database answers. 200 `ok` when the database and the bus answer; 200 `degraded` when only the bus (Redis) is down — deliveries are stored in the database and enqueued when it is back; 503 `unavailable` (same body) when the database does not answer. */
        HealthReady: {
            checks: {
                /** @enum {string} */
                bus: "ok" | "down";
                /** @enum {string} */
                db: "ok" | "down";
            };
            /** @enum {string} */
            status: "ok" | "degraded" | "unavailable";
        };
        /**
         * @description Why health changed.
         * @enum {string}
         */
        HealthReason: "adopt" | "commit" | "poor_commit" | "decay" | "death" | "revive" | "puzzle";
        /** @description Newest first. */
        History: {
            items: components["schemas"]["HealthEntry"][];
        };
        JournalStatus: {
            /** @description Why the entry could not be written (the session still ended). */
            error: string | null;
            /** @description The journal file in that repository. */
            path: string;
            /** @description "owner/name" the journal is written to, or null when none was chosen. */
            repo: string | null;
            /** @description Blob sha of the journal file after our write. */
            sha: string | null;
        };
        Live: {
            /** @constant */
            status: "ok";
        };
        /** @description What coaching cost you: your model calls per day. */
        LlmUsage: {
            /** @description Days with at least one call, oldest first. */
            days: {
                calls: number;
                /** @description Estimated from the public price list, in US dollars. */
                costUsd: number;
                day: string;
                tokensIn: number;
                tokensOut: number;
            }[];
            totals: {
                calls: number;
                /** @description Estimated from the public price list, in US dollars. */
                costUsd: number;
                failed: number;
                tokensIn: number;
                tokensOut: number;
            };
        };
        /** @description The signed-in user, and whether GitHub still accepts the GitHub token stored for them. */
        Me: {
            avatarUrl: string | null;
            id: string;
            login: string;
            name: string | null;
            token: components["schemas"]["TokenStatus"];
        };
        Nudge: {
            /** @description Conversation id when this call sent it (it was also pushed as `coach.nudge`); null if sent earlier. */
            id: string | null;
            kind: components["schemas"]["NudgeKind"];
            message: string;
        };
        /** @enum {string} */
        NudgeKind: "long_block" | "pet_dropped" | "pr_waiting" | "no_commits" | "secret_found";
        OAuthExchangeRequest: {
            /** @description The `code` GitHub appended to the redirect URL. */
            code: string;
            /**
             * Format: uri
             * @description The same redirect URL as in `GET /api/auth/github`.
             */
            redirect_uri: string;
        };
        /** @description Where to send the browser to sign in with GitHub. */
        OAuthStart: {
            /** @description A random value GitHub sends back with the code: check it matches. */
            state: string;
            /** @description GitHub's authorize page: open it (e.g. with chrome.identity.launchWebAuthFlow). */
            url: string;
        };
        /** @description An open pull request of the pet’s repository, with its newest check. */
        OpenPull: {
            author: string | null;
            /** @description The PR’s newest check (of any head: compare its `headSha`), or null when it has none. */
            check: components["schemas"]["Check"] | null;
            draft: boolean;
            headSha: string;
            number: number;
            title: string;
            updatedAt: string | null;
            url: string;
        };
        /** @description The repository’s open pull requests as your GitHub token reads them, each with its newest check. */
        OpenPulls: {
            /** @description Most recently updated first. */
            items: components["schemas"]["OpenPull"][];
            /** @description GitHub has more open pull requests than `limit`. */
            more: boolean;
        };
        PatSignInRequest: {
            /** @description A GitHub token (classic or fine-grained PAT) that can read your repositories and add webhooks. */
            token: string;
        };
        /** @description A pet: one per adopted repository and user. */
        Pet: {
            /** @description Since when your GitHub token can no longer read the repository (null: it can). Meanwhile the pet stays listed, but its history, vet reports and live updates are refused (403 `access_lost`): ask for access again, or release it. */
            accessLostAt: string | null;
            /** @description Whether `GET /api/pets/{id}/badge.svg` answers without a session (for a README). */
            badgePublic: boolean;
            checkThresholds: components["schemas"]["CheckThresholds"];
            createdAt: string;
            diedAt: string | null;
            family: components["schemas"]["CreatureFamily"];
            /** @description Favourites are listed first. */
            favourite: boolean;
            /** @description 0–100. */
            health: number;
            id: string;
            lastCommitAt: string | null;
            name: string;
            /** @description Your own order among your pets (after favourites); null: none, listed after those with one. */
            position: number | null;
            repo: {
                fullName: string;
                language: string | null;
                name: string;
                owner: string;
                url: string;
            };
            /** @description When dead: the earliest time `POST /api/pets/{id}/revive` succeeds. */
            reviveAvailableAt: string | null;
            species: string;
            stage: components["schemas"]["PetStage"];
            state: components["schemas"]["PetState"];
            /** @description Whether GitHub pushes to this server; otherwise `error` says why and updates arrive by polling. */
            webhook: {
                error: string | null;
                registered: boolean;
            };
        };
        /** @description What to change about your pet; fields left out stay as they are. */
        PetCareRequest: {
            /** @description Serve the README badge without a session. */
            badgePublic?: boolean;
            checkThresholds?: components["schemas"]["CheckThresholdsPatch"];
            favourite?: boolean;
            /** @description 1–40 characters, trimmed. */
            name?: string;
            /** @description Your own order (0 first); null clears it. */
            position?: number | null;
        };
        /** @description Your pets: favourites first, then by your `position` (pets without one after), then oldest adoption first. */
        PetList: {
            items: components["schemas"]["Pet"][];
        };
        /**
         * @description Grows with good days (teen after 7, adult after 30); never regresses.
         * @enum {string}
         */
        PetStage: "baby" | "teen" | "adult";
        /**
         * @description From health: egg until the first commit, then thriving … dying; dead after 24 h at 0.
         * @enum {string}
         */
        PetState: "egg" | "thriving" | "healthy" | "okay" | "poor" | "dying" | "dead";
        /** @description What the coach would bring up now, and the nudges that apply. */
        Proactive: {
            label: string;
            message: string;
            nudges: components["schemas"]["Nudge"][];
            pattern: components["schemas"]["CoachPattern"];
            source: components["schemas"]["CoachSource"];
        };
        /** @description A puzzle as shown before answering: never carries the answer. */
        Puzzle: {
            choices: string[];
            code: string | null;
            id: string;
            kind: components["schemas"]["PuzzleKind"];
            prompt: string;
            title: string;
        };
        /** @enum {string} */
        PuzzleKind: "code-reading" | "complexity" | "regex" | "sql" | "git";
        PuzzlePetBonus: {
            delta: number;
            health: number;
            petId: string;
        };
        /** @description The user's answer of the day, with the solution. */
        PuzzleResult: {
            /** @description Index into `choices` the user picked. */
            answer: number;
            correct: boolean;
            /** @description Revealed only after the day's submission. */
            correctAnswer: number;
            explanation: string;
        };
        PuzzleSubmitResult: {
            /** @description Index into `choices` the user picked. */
            answer: number;
            badgesAwarded: components["schemas"]["Badge"][];
            correct: boolean;
            /** @description Revealed only after the day's submission. */
            correctAnswer: number;
            day: string;
            explanation: string;
            /** @description Pets that got the once-a-day puzzle happiness bonus. */
            petBonus: components["schemas"]["PuzzlePetBonus"][];
            streak: number;
        };
        PuzzleToday: {
            /** @description 'YYYY-MM-DD' in the user's time zone. */
            day: string;
            puzzle: components["schemas"]["Puzzle"];
            /** @description The user's answer today, if any (then the solution is included). */
            result: components["schemas"]["PuzzleResult"] | null;
            streak: number;
        };
        /** @description The work queue, each list best score first. */
        Queue: {
            assignedIssues: components["schemas"]["QueueItem"][];
            fetchedAt: string;
            ownPullRequests: components["schemas"]["QueueItem"][];
            rateLimit: components["schemas"]["GithubRate"];
            reviewRequests: components["schemas"]["QueueItem"][];
            /** @description True when some of this came from an earlier fetch because GitHub limited us. */
            stale: boolean;
        };
        /** @description The inputs of `confidence_score`, shown to the user (formula: api/src/queue/queue-score.ts). */
        QueueFactors: {
            ageHours: number;
            /** @description Own PRs: approvals (latest review per reviewer). */
            approvals: number | null;
            /** @description Merge conflicts, GitHub's "blocked" merge state, or a `blocked` label. */
            blocked: boolean;
            /** @description Own PRs: whether changes were requested (latest review per reviewer). */
            changesRequested: boolean | null;
            ci: components["schemas"]["CiState"];
            draft: boolean;
            estimatedReviewMinutes: number;
            /** @description Review requests only: asked of you by name, or of one of your teams. */
            request: ("direct" | "team") | null;
            /** @description additions + deletions; null for issues (size unknown). */
            sizeLines: number | null;
            /** @description How long someone has been waiting on you (review requests). */
            waitingHours: number;
        };
        QueueItem: {
            author: string | null;
            /** @description Points each factor contributed, so the score can be explained. */
            breakdown: {
                factor: string;
                note: string;
                points: number;
            }[];
            /** @description 0–100: how confidently you can finish this now. */
            confidence_score: number;
            createdAt: string;
            factors: components["schemas"]["QueueFactors"];
            /** @description "owner/name#number" */
            id: string;
            kind: components["schemas"]["QueueItemKind"];
            number: number;
            repo: string;
            title: string;
            updatedAt: string;
            url: string;
        };
        /** @enum {string} */
        QueueItemKind: "review_request" | "own_pr" | "assigned_issue";
        /** @description `reason` as a code and params, for a client to word in its own language. */
        QueueReason: {
            code: components["schemas"]["QueueReasonCode"];
            /** @description The numbers and names in `reason` (`hours`: a duration in hours, `minutes`: an estimate, `ci`: a CiState). */
            params: {
                [key: string]: string | number;
            };
        };
        /**
         * @description Why an item is recommended; its params per code: QUEUE_REASON_PARAMS in db/domain/src/queue-reasons.ts.
         * @enum {string}
         */
        QueueReasonCode: "ready_to_land" | "quick_win" | "quick_win_direct" | "quick_win_sized" | "quick_win_sized_direct" | "waited_for_review" | "waited_for_review_someone" | "changes_requested" | "own_pr_open" | "assigned";
        Recommendation: {
            item: components["schemas"]["QueueItem"];
            /** @enum {string} */
            pass: "confidence" | "waiting";
            rank: number;
            /** @description In English; `reasonCode` says the same as a code. */
            reason: string;
            reasonCode: components["schemas"]["QueueReason"];
        };
        /** @description The "math-test sort" of the whole queue, top 3: quick confident wins first, then what others have waited on longest. */
        Recommendations: {
            items: components["schemas"]["Recommendation"][];
            rateLimit: components["schemas"]["GithubRate"];
        };
        /** @description A GitHub repository the signed-in user can see. */
        Repo: {
            adopted: boolean;
            description: string | null;
            fullName: string;
            githubId: number;
            language: string | null;
            name: string;
            owner: string;
            /** @description The pet's id when adopted by this user. */
            petId: string | null;
            private: boolean;
            pushedAt: string | null;
        };
        /** @description Most recently pushed first, at most 300. */
        RepoList: {
            items: components["schemas"]["Repo"][];
        };
        /** @description The failed deliveries were queued for analysis again. */
        RetriedDeliveries: {
            /** @description Deliveries queued again (0 when none had failed). */
            retried: number;
        };
        /** @description A JSON text frame the server pushes over the WebSocket, told apart by `type`. */
        ServerMessage: {
            /** @constant */
            type: "hello";
            userId: string;
        } | {
            at: string;
            delta: number;
            health: number;
            petId: string;
            /** @enum {string} */
            reason: "adopt" | "commit" | "poor_commit" | "decay" | "death" | "revive" | "puzzle";
            sha: string | null;
            /** @enum {string} */
            stage: "baby" | "teen" | "adult";
            /** @enum {string} */
            state: "egg" | "thriving" | "healthy" | "okay" | "poor" | "dying" | "dead";
            /** @constant */
            type: "pet.updated";
        } | {
            petId: string;
            /** @constant */
            type: "pet.deleted";
        } | {
            /** @constant */
            type: "pong";
        } | {
            at: string;
            id: string;
            /** @description long_block, pet_dropped, pr_waiting, no_commits or secret_found; clients show unknown kinds generically. */
            kind: string;
            message: string;
            /** @constant */
            type: "coach.nudge";
        } | {
            checkId: string;
            headSha: string;
            /** @description Your pet of the checked repository. */
            petId: string;
            prNumber: number;
            /** @enum {string} */
            status: "queued" | "running" | "done" | "failed" | "superseded";
            /** @constant */
            type: "check.updated";
            verdict: ("pass" | "warn" | "fail") | null;
        };
        SessionEnd: {
            session: components["schemas"]["DaySession"];
            summary: components["schemas"]["SessionSummary"];
        };
        /** @description What the journal entry says. */
        SessionSummary: {
            blocks: {
                label: string | null;
                minutes: number;
            }[];
            commits: {
                delta: number;
                message: string;
                repo: string;
                sha: string;
            }[];
            day: string;
            minutes: number;
            prsReviewed: {
                number: number;
                repo: string;
                title: string;
                url: string;
            }[];
            puzzle: {
                solved: boolean;
                title: string;
            } | null;
        };
        /** @description A file the analysis skipped or read only in part, and why. */
        SkippedFile: {
            /**
             * @description `reason` as a code a client words in its own language with `params` (names per code: SKIPPED_PARAMS in db/domain/src/skipped-reasons.ts). Absent on older reports.
             * @enum {string}
             */
            code?: "binary" | "no_changes" | "line_bytes" | "long_lines" | "line_time_budget" | "time_budget" | "too_large" | "size_budget" | "parse_failed";
            /** @description How many files this entry stands for (the list names the first 100). */
            more?: number;
            params?: {
                [key: string]: string | number;
            };
            /** @description The file, or "(N more files)" on the entry that stands for `more` files with the same reason. */
            path: string;
            /** @description Why, in English. */
            reason: string;
        };
        TodaySession: {
            /** @description null until today’s session is started. */
            session: components["schemas"]["DaySession"] | null;
        };
        /** @description How GitHub last answered the GitHub token stored for this user (the token itself never leaves the server). */
        TokenStatus: {
            reason: string | null;
            rejectedAt: string | null;
            /**
             * @description `rejected`: GitHub answered 401 to the stored token (revoked or expired); sign in again.
             * @enum {string}
             */
            status: "ok" | "rejected";
        };
        /** @description The signed-in user, as GitHub knows them. */
        User: {
            avatarUrl: string | null;
            id: string;
            login: string;
            name: string | null;
        };
        /**
         * @description The signed-in user's settings: rest days and vacation pause the pet's decay, the timezone decides where a day begins and ends.
         *
         *     Pet lifecycle, for clients that explain it: days are calendar days in `timezone` and are judged once over; after the last commit (or adoption/revival) 3 counted idle days are free, then −2 per day; rest days and vacation days neither cost health nor use up grace. Health ≤ 0 for 24 h → dead (deferred while on a rest/vacation day); revival after a 48 h cooldown. Stages: teen after 7 good days (days ending healthy or thriving), adult after 30; never regress. A `pet.updated` with reason `decay` and delta 0 is an evolution (its `stage` changed).
         */
        UserSettings: {
            /** @description Whether coaching may nudge when a pet declines. */
            notifyOnDecline: boolean;
            /** @description Weekdays on which decay pauses, 0 = Sunday … 6 = Saturday; sorted, unique. */
            restDays: number[];
            /** @description IANA timezone (e.g. "Europe/Paris"), in its canonical spelling. Default "UTC". */
            timezone: string;
            /** @description ISO time; decay pauses through that local day. null = not on vacation. */
            vacationUntil: string | null;
        };
        UserSettingsUpdate: {
            notifyOnDecline: boolean;
            /** @description Weekdays on which decay pauses, 0 = Sunday … 6 = Saturday; each at most once. */
            restDays: number[];
            /** @description An IANA timezone, e.g. "Europe/Paris" (any letter case). */
            timezone: string;
            /** @description ISO time with an offset; must be in the future and at most 365 days ahead. null ends a vacation. */
            vacationUntil: string | null;
        };
        /** @description PRs you merged and PRs you reviewed, per day of your own time zone. */
        Velocity: {
            /** @description Every day of the range, oldest first, zeros included (ready to chart). */
            days: {
                day: string;
                merged: number;
                reviews: number;
            }[];
            from: string;
            rateLimit: components["schemas"]["GithubRate"];
            to: string;
            totals: {
                merged: number;
                reviews: number;
            };
            /** @description True when GitHub had more results than we read (search caps, review look-ups capped at 50 PRs), or rate-limited us. */
            truncated: boolean;
        };
        /** @description The delivery is stored durably before this answer. */
        WebhookAccepted: {
            /** @constant */
            accepted: true;
            /** @description This delivery id was already stored (GitHub redelivered it): nothing new is done. */
            duplicate: boolean;
            /** @description A push for a known repository: the worker will analyse it. Other events are stored but not queued. */
            queued: boolean;
        };
        /** @description GitHub's event payload as GitHub sends it (see GitHub's webhook event documentation); only the fields below are read. */
        WebhookPayload: {
            /** @description For events with actions (pull_request: opened, synchronize, …). */
            action?: string;
            /** @description push: the sha the branch points to now. */
            after?: string;
            /** @description push: the commits pushed, oldest first. */
            commits?: ({
                id: string;
                message: string;
            } & {
                [key: string]: unknown;
            })[];
            /** @description The repository the event happened in; deliveries for repositories nobody adopted are stored, not analysed. */
            repository?: {
                full_name: string;
                id: number;
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        /** @description GitHub's ping when a webhook is created: acknowledged, nothing stored. */
        WebhookPing: {
            /** @constant */
            event: "ping";
            /** @constant */
            ok: true;
        };
        /** @description A stretch of focused work inside a day session. */
        WorkBlock: {
            /** @description null while the block runs. */
            endedAt: string | null;
            id: string;
            label: string | null;
            /** @description Whole minutes so far (open block: until now). */
            minutes: number;
            startedAt: string;
        };
        /** @description A ticket for the WebSocket, so the session token never goes into a URL. */
        WsTicket: {
            expiresAt: string;
            /** @description Single use, valid 30 s: open `GET /api/ws?ticket=<ticket>` as a WebSocket. */
            ticket: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    getApiAnalysesById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnalysisDetail"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAnalyticsLlmUsage: {
        parameters: {
            query?: {
                /** @description How many days back, up to now (default 30). */
                days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LlmUsage"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAnalyticsVelocity: {
        parameters: {
            query?: {
                /** @description First day, YYYY-MM-DD (default: 13 days before `to`). */
                from?: string;
                /** @description Last day, YYYY-MM-DD (default: today in your time zone). At most 90 days from `from`. */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One entry per day of the range */
            200: {
                headers: {
                    /** @description Only when GitHub rate-limited us: seconds until asking again is worthwhile. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Velocity"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream service (GitHub, Anthropic, Gemini) failed. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiAuthGithub: {
        parameters: {
            query: {
                /** @description Where GitHub sends the browser back with a code (the extension's chrome.identity redirect URL). */
                redirect_uri: string;
                /** @description GitHub scopes to ask for beyond the usual `repo admin:repo_hook read:user`, separated by spaces or commas, only when a feature needs them: `gist` to share a badge as a Gist. Anything else is a 400 `validation_failed`. */
                scopes?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthStart"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not configured on this server. */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiAuthGithubExchange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OAuthExchangeRequest"];
            };
        };
        responses: {
            /** @description Signed in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthSession"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON (send Content-Type: application/json). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not configured on this server. */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream service (GitHub, Anthropic, Gemini) failed. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiAuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiAuthPat: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatSignInRequest"];
            };
        };
        responses: {
            /** @description Signed in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthSession"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON (send Content-Type: application/json). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream service (GitHub, Anthropic, Gemini) failed. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiBadges: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadgeList"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiBadgesShare: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description ISO week; default: this week. */
                    week?: string;
                };
            };
        };
        responses: {
            /** @description The Gist was created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BadgeShare"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON (send Content-Type: application/json). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream service (GitHub, Anthropic, Gemini) failed. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiChecks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCheck"];
            };
        };
        responses: {
            /** @description This head already has a check: the same one. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckCreated"];
                };
            };
            /** @description OK */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckCreated"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON (send Content-Type: application/json). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream service (GitHub, Anthropic, Gemini) failed. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiChecksById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Check"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiConversationChat: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your Anthropic API key, for answers from Claude (billed to you). Used for this request only: never stored, never logged. Without it the rule-based coach answers. */
                "X-Anthropic-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    message: string;
                };
            };
        };
        responses: {
            /** @description With `Accept: text/event-stream`, server-sent events: `meta` {source, model, pattern, label}, then `delta` {text} chunks, then `done` with the ChatReply — or, if the model fails mid-answer, `error` {code, message} (same codes as the error envelope). Otherwise the ChatReply as JSON. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatReply"];
                    "text/event-stream": string;
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON (send Content-Type: application/json). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream service (GitHub, Anthropic, Gemini) failed. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream service did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiConversationHistory: {
        parameters: {
            query?: {
                /** @description How many of the latest entries (default 50). */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationHistory"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiConversationProactive: {
        parameters: {
            query?: never;
            header?: {
                /** @description Your Anthropic API key, for answers from Claude (billed to you). Used for this request only: never stored, never logged. Without it the rule-based coach answers. */
                "X-Anthropic-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proactive"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON (send Content-Type: application/json). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream service (GitHub, Anthropic, Gemini) failed. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream service did not answer in time. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiDocs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiDocsAssetsByFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A static asset */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/javascript": string;
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiEvents: {
        parameters: {
            query?: never;
            header?: {
                /** @description Resume after this event id (digits, from an `id:` line of this stream): the stored events after it come first. */
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream (it stays open: events, then heartbeats, until the client leaves or the session ends) */
            200: {
                headers: {
                    /** @description no-cache */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiGithubQueue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The queue */
            200: {
                headers: {
                    /** @description Only when GitHub rate-limited us (`rateLimit.limited`): seconds until asking again is worthwhile. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Queue"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream service (GitHub, Anthropic, Gemini) failed. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiGithubQueueRecommendations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description At most three items, ranked */
            200: {
                headers: {
                    /** @description Only when GitHub rate-limited us (`rateLimit.limited`): seconds until asking again is worthwhile. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Recommendations"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream service (GitHub, Anthropic, Gemini) failed. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiHealthLive: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Live"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiHealthReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The database answers (`ok`, or `degraded` when the bus is down) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthReady"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The database does not answer (same body, status unavailable) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthReady"];
                };
            };
        };
    };
    getApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeys"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKey"];
            };
        };
        responses: {
            /** @description OK */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON (send Content-Type: application/json). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiKeysById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeleteAccountRequest"];
            };
        };
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountDeleted"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON (send Content-Type: application/json). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiMeExport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export */
            200: {
                headers: {
                    /** @description attachment; filename="tamagitto-export-<login>-<YYYY-MM-DD>.json" */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountExport"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiMeSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserSettings"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putApiMeSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserSettingsUpdate"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserSettings"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON (send Content-Type: application/json). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiMetrics: {
        parameters: {
            query?: never;
            header?: {
                /** @description Bearer <METRICS_TOKEN> */
                Authorization?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiOpenapiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiPets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PetList"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiPets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdoptRequest"];
            };
        };
        responses: {
            /** @description A dead pet adopted again is revived */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pet"];
                };
            };
            /** @description Adopted: the new pet */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pet"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON (send Content-Type: application/json). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream service (GitHub, Anthropic, Gemini) failed. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiPetsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pet"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteApiPetsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Released */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    patchApiPetsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PetCareRequest"];
            };
        };
        responses: {
            /** @description The pet as it is now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pet"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON (send Content-Type: application/json). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiPetsByIdAnalyses: {
        parameters: {
            query?: {
                /** @description The previous page's `nextCursor`; leave out for the newest page. */
                cursor?: string;
                /** @description How many, 1–100 (default 20). */
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnalysisPage"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiPetsByIdBadgeSvg: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the badge you have: 304 when it is still current. */
                "If-None-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The badge */
            200: {
                headers: {
                    /** @description public, max-age=300 */
                    "Cache-Control"?: string;
                    /** @description A strong ETag of the SVG: send it back as If-None-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "image/svg+xml": string;
                };
            };
            /** @description Not modified: the If-None-Match ETag is current */
            304: {
                headers: {
                    /** @description public, max-age=300 */
                    "Cache-Control"?: string;
                    /** @description A strong ETag of the SVG: send it back as If-None-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiPetsByIdChecks: {
        parameters: {
            query?: {
                /** @description The last check id of the previous page. */
                before?: string;
                /** @description How many, 1–100 (default 20). */
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecksPage"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiPetsByIdChecksStats: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckStats"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiPetsByIdFailed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FailedDeliveries"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiPetsByIdHistory: {
        parameters: {
            query?: {
                /** @description How many, 1–1000 (default 100). */
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["History"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiPetsByIdPortrait: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the portrait you have: 304 when it is still current. */
                "If-None-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image */
            200: {
                headers: {
                    /** @description private, max-age=300 */
                    "Cache-Control"?: string;
                    /** @description A strong ETag of the image: send it back as If-None-Match. */
                    ETag?: string;
                    /** @description `gemini` (a generated portrait) or `sprite` (the built-in SVG). */
                    "X-Portrait-Source"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "image/*": string;
                };
            };
            /** @description Not modified: the If-None-Match ETag is current */
            304: {
                headers: {
                    /** @description private, max-age=300 */
                    "Cache-Control"?: string;
                    /** @description A strong ETag of the image: send it back as If-None-Match. */
                    ETag?: string;
                    /** @description `gemini` (a generated portrait) or `sprite` (the built-in SVG). */
                    "X-Portrait-Source"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiPetsByIdPulls: {
        parameters: {
            query?: {
                /** @description How many, 1–100 (default 30). */
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenPulls"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream service (GitHub, Anthropic, Gemini) failed. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiPetsByIdRetryFailed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetriedDeliveries"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiPetsByIdRevive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revived pet */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pet"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiPetsByIdWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Registered: the pet */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pet"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Signed in, but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not configured on this server. */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream service (GitHub, Anthropic, Gemini) failed. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiPetsByRepoByOwnerByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
                owner: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pet"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiPuzzleSubmit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Index into the puzzle's `choices`. */
                    answer: number;
                    /** @description Today's puzzle id, from GET /api/puzzle/today. */
                    puzzleId: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PuzzleSubmitResult"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON (send Content-Type: application/json). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiPuzzleToday: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PuzzleToday"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiRepos: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RepoList"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream service (GitHub, Anthropic, Gemini) failed. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiSessionsByIdBlocksEnd: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session, with the block ended */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DaySession"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiSessionsByIdBlocksStart: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description What this block is for. */
                    label?: string;
                };
            };
        };
        responses: {
            /** @description The session, with the new block open */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DaySession"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON (send Content-Type: application/json). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiSessionsByIdEnd: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description "owner/name" of one of your adopted repositories: the journal is written there when the session ends. */
                    journalRepo?: string;
                };
            };
        };
        responses: {
            /** @description The ended session and what the journal entry says */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionEnd"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource for this user (another user’s is indistinguishable from a missing one). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON (send Content-Type: application/json). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiSessionsStart: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description "owner/name" of one of your adopted repositories: the journal is written there when the session ends. */
                    journalRepo?: string;
                };
            };
        };
        responses: {
            /** @description Already started today */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DaySession"];
                };
            };
            /** @description Started */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DaySession"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON (send Content-Type: application/json). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiSessionsToday: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TodaySession"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiWebhookGithub: {
        parameters: {
            query?: never;
            header?: {
                /** @description GitHub's unique id for this delivery; a repeated id is acknowledged without doing anything again. */
                "X-GitHub-Delivery"?: string;
                /** @description The event name (push, ping, pull_request, …). */
                "X-GitHub-Event"?: string;
                /** @description sha256=<HMAC-SHA256 of the raw body with the webhook secret>. */
                "X-Hub-Signature-256"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookPayload"];
            };
        };
        responses: {
            /** @description A ping, acknowledged */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPing"];
                };
            };
            /** @description Stored (and queued for analysis when it is a push) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookAccepted"];
                };
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not JSON (send Content-Type: application/json). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiWs: {
        parameters: {
            query?: {
                /** @description Required for the upgrade: a ticket from `POST /api/ws/ticket` (single use, valid 30 s). */
                ticket?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Switching Protocols: the WebSocket is open and pushes `ServerMessage` frames */
            101: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad request: malformed JSON, a missing or invalid field or parameter (the message names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description This URL must be opened as a WebSocket (Upgrade: websocket). */
            426: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postApiWsTicket: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A new ticket */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WsTicket"];
                };
            };
            /** @description Not signed in, or the session is invalid or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (logged with the request id). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A dependency is not available right now; try again (`db_unavailable`: the database cannot be reached, e.g. while it restarts; see Retry-After). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
