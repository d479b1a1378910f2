/**
 * The live channel's shapes, as zod schemas: the ticket route's answer, and
 * the JSON text frames of the WebSocket at `GET /api/ws?ticket=…` — every
 * message the server pushes (ServerMessage) and the one a client may send
 * (ClientMessage). They are documented as components of the OpenAPI document
 * (a socket has no response schema), and @tamagitto/domain's types of the
 * same names are generated from them.
 *
 * These two carry no zod `id`: the document names them by their key in
 * openApiDocument's `schemas` (app.ts), and an id would make z.toJSONSchema
 * emit a `#/$defs/…` reference that does not resolve inside the document.
 * For the same reason the messages reuse no schema that has an id (the pet
 * enums are spelled out again here).
 */
import { HEALTH_REASONS, STAGES, STATES } from '@tamagitto/domain';
import { z } from 'zod';

export const WsTicketSchema = z
  .object({
    ticket: z.string().describe('Single use, valid 30 s: open `GET /api/ws?ticket=<ticket>` as a WebSocket.'),
    expiresAt: z.string(),
  })
  .meta({ id: 'WsTicket', description: 'A ticket for the WebSocket, so the session token never goes into a URL.' });

const Hello = z.object({ type: z.literal('hello'), userId: z.string() }).describe('First frame after the upgrade: whose updates this socket receives.');

const PetUpdated = z
  .object({
    type: z.literal('pet.updated'),
    petId: z.string(),
    health: z.number(),
    state: z.enum(STATES),
    stage: z.enum(STAGES),
    delta: z.number(),
    reason: z.enum(HEALTH_REASONS),
    sha: z.string().nullable(),
    at: z.string(),
  })
  .describe("A pet's health changed (a commit, decay, death, revival, a puzzle bonus…); reason `decay` with delta 0 is an evolution. Refetch its portrait.");

const PetDeleted = z.object({ type: z.literal('pet.deleted'), petId: z.string() }).describe('The pet was released (from any of your devices).');

const Pong = z.object({ type: z.literal('pong') }).describe('The answer to a client `ping`.');

const CoachNudge = z
  .object({
    type: z.literal('coach.nudge'),
    id: z.string(),
    kind: z.string().describe('long_block, pet_dropped, pr_waiting, no_commits or secret_found; clients show unknown kinds generically.'),
    message: z.string(),
    at: z.string(),
  })
  .describe('A proactive nudge from the coach (also in the conversation history).');

const CheckUpdated = z
  .object({
    type: z.literal('check.updated'),
    checkId: z.string(),
    petId: z.string().describe('Your pet of the checked repository.'),
    prNumber: z.number().int(),
    headSha: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed', 'superseded']),
    verdict: z.enum(['pass', 'warn', 'fail']).nullable(),
  })
  .describe('A PR check of one of your pets’ repositories changed state; GET /api/checks/{checkId} has the report once `done`.');

export const ServerMessageSchema = z
  .discriminatedUnion('type', [Hello, PetUpdated, PetDeleted, Pong, CoachNudge, CheckUpdated])
  .meta({ description: 'A JSON text frame the server pushes over the WebSocket, told apart by `type`.' });

export const ClientMessageSchema = z
  .object({ type: z.literal('ping') })
  .meta({ description: 'The only frame a client may send: a keepalive, answered with `pong`. Anything else is ignored.' });

export type ServerMessage = z.infer<typeof ServerMessageSchema>;
