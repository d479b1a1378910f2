/** Prometheus metrics (prom-client: the de-facto Node client; text format by hand would drift). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  webhooks: Counter<'event' | 'outcome'>;
  wsClients: Gauge;
  /** Open `GET /api/events` streams (api/src/live/sse.ts). */
  sseClients: Gauge;
  /** Live clients cut off because they stopped reading (more than LIVE_MAX_BUFFERED_BYTES waiting), by channel: ws or sse. */
  liveSlowClients: Counter<'channel'>;
  /** Requests refused with 429, by rate-limit tier (http/rate-limit.ts). */
  rateLimited: Counter<'tier'>;
  /** Limiter calls that failed (Redis down or slow): the request was let through (fail open). */
  rateLimitErrors: Counter;
}

export function createMetrics(opts: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaults) collectDefaultMetrics({ register: registry, prefix: 'tamagitto_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'tamagitto_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    webhooks: new Counter({
      name: 'tamagitto_webhook_deliveries_total',
      help: 'GitHub webhook deliveries by event and outcome',
      labelNames: ['event', 'outcome'],
      registers: [registry],
    }),
    wsClients: new Gauge({ name: 'tamagitto_ws_clients', help: 'Open WebSocket connections', registers: [registry] }),
    sseClients: new Gauge({ name: 'tamagitto_sse_clients', help: 'Open GET /api/events streams', registers: [registry] }),
    liveSlowClients: new Counter({
      name: 'tamagitto_live_slow_clients_dropped_total',
      help: 'Live clients cut off because more than LIVE_MAX_BUFFERED_BYTES waited to be sent to them, by channel (ws, sse)',
      labelNames: ['channel'],
      registers: [registry],
    }),
    rateLimited: new Counter({ name: 'tamagitto_rate_limited_total', help: 'Requests refused with 429 by rate-limit tier', labelNames: ['tier'], registers: [registry] }),
    rateLimitErrors: new Counter({
      name: 'tamagitto_rate_limit_errors_total',
      help: 'Rate-limit checks that failed (the store was down or slow) and let the request through',
      registers: [registry],
    }),
  };
}
