/** The JSON shapes of the API's live routes. */
import type { PetUpdatedEvent } from '../vocabulary.ts';

export interface WsTicketDto {
  ticket: string;
  expiresAt: string;
}

/** Messages the server sends over the WebSocket (JSON text frames). */
export type ServerMessage =
  | { type: 'hello'; userId: string }
  | Omit<PetUpdatedEvent, 'userId'>
  | { type: 'pet.deleted'; petId: string }
  | { type: 'pong' }
  | { type: 'coach.nudge'; id: string; kind: string; message: string; at: string };

/** Messages a client may send: only keepalive. */
export type ClientMessage = { type: 'ping' };
