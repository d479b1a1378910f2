import { describe, expect, it } from 'vitest';
import { parseSse, readSse } from './sse.ts';

describe('parseSse', () => {
  it.each([
    ['one event', 'event: delta\ndata: {"text":"hi"}\n\n', [{ event: 'delta', data: '{"text":"hi"}' }], ''],
    ['an unfinished event stays in rest', 'event: meta\ndata: {}\n\nevent: delta\ndata: {"te', [{ event: 'meta', data: '{}' }], 'event: delta\ndata: {"te'],
    ['CRLF line ends', 'event: done\r\ndata: 1\r\n\r\n', [{ event: 'done', data: '1' }], ''],
    ['multi-line data joined by \\n, comments ignored', ': ping\ndata: a\ndata: b\n\n', [{ event: 'message', data: 'a\nb' }], ''],
    ['no space after the colon', 'event:error\ndata:{"code":"x"}\n\n', [{ event: 'error', data: '{"code":"x"}' }], ''],
    ['an event without data is not dispatched', 'event: meta\n\n', [], ''],
  ])('%s', (_name, input, events, rest) => expect(parseSse(input)).toEqual({ events, rest }));
});

describe('readSse', () => {
  it('reassembles events split across chunks, even inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode('event: delta\ndata: {"text":"café"}\n\nevent: done\ndata: {}');
    const cut = [5, 20, 33, bytes.length];
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        let from = 0;
        for (const to of cut) {
          c.enqueue(bytes.slice(from, to));
          from = to;
        }
        c.close();
      },
    });
    const got = [];
    for await (const ev of readSse(body)) got.push(ev);
    expect(got).toEqual([
      { event: 'delta', data: '{"text":"café"}' },
      { event: 'done', data: '{}' },
    ]);
  });
});
