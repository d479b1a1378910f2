/** The JSON shapes of the API's health routes. */

export interface HealthReadyDto {
  status: 'ok' | 'degraded';
  checks: { db: 'ok' | 'down'; bus: 'ok' | 'down' };
}
