/**
 * SessionSigner moved to auth/session-signer.ts. This re-export keeps
 * http/require-session.ts compiling until its import names the new file;
 * delete it then.
 */
export { SESSION_TTL_S, SessionSigner, TICKET_TTL_S } from './auth/session-signer.ts';
