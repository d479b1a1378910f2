/** The live channel's shapes, generated from the api's OpenAPI document (openapi.ts). */
import type { components } from './openapi.ts';

type Schemas = components['schemas'];

/** `POST /api/ws/ticket` → single use, valid 30 s; then open `GET /api/ws?ticket=` as a WebSocket. */
export type WsTicketDto = Schemas['WsTicket'];

/** Messages the server sends over the WebSocket (JSON text frames), told apart by `type`. */
export type ServerMessage = Schemas['ServerMessage'];

/** Messages a client may send: only keepalive. */
export type ClientMessage = Schemas['ClientMessage'];
