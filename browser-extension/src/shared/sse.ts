/**
 * Server-sent events over a fetch body (EventSource cannot POST or send
 * headers). Follows the WHATWG parsing rules we rely on: `event:` / `data:`
 * fields, multi-line data joined by "\n", a blank line dispatches, `:` lines
 * are comments, CRLF or LF line ends.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Splits what has arrived so far into complete events and the unfinished rest.
 *
 * @example parseSse('event: delta\ndata: {"text":"hi"}\n\nevent: do') // → { events: [{ event: 'delta', data: '{"text":"hi"}' }], rest: 'event: do' }
 */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const events: SseEvent[] = [];
  const normalised = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalised.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

/** Yields events as they arrive on a streamed response body. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const parsed = parseSse(buffer + decoder.decode(value, { stream: true }));
      buffer = parsed.rest;
      yield* parsed.events;
    }
    // A stream that ends without the final blank line still delivers its last event.
    yield* parseSse(`${buffer}${decoder.decode()}\n\n`).events;
  } finally {
    reader.releaseLock();
  }
}
