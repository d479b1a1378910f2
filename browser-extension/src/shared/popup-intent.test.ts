import { describe, expect, it } from 'vitest';
import { INTENT_TTL_MS, intentForNotification, notificationId, validIntent } from './popup-intent.ts';

describe('popup intent from a notification click', () => {
  it('a nudge opens the Coach tab; a health drop opens its pet', () => {
    expect(intentForNotification('nudge-7f3c')).toEqual({ tab: 'coach' });
    expect(intentForNotification('drop-0b6c2a8e-1d2f-4a5b-9c8d-7e6f5a4b3c2d-1764000000000')).toEqual({
      tab: 'pet',
      petId: '0b6c2a8e-1d2f-4a5b-9c8d-7e6f5a4b3c2d',
    });
    expect(intentForNotification('something-else')).toBeNull();
    expect(intentForNotification('drop-')).toBeNull();
    // The ids the worker creates read back as what they are about.
    expect(intentForNotification(notificationId.nudge('n-1'))).toEqual({ tab: 'coach' });
    expect(intentForNotification(notificationId.drop('p-cat'))).toEqual({ tab: 'pet', petId: 'p-cat' });
  });

  it('acts only on a well-formed intent younger than a minute', () => {
    const now = 1_764_000_000_000;
    expect(validIntent({ tab: 'coach', at: now - 1_000 }, now)).toEqual({ tab: 'coach', at: now - 1_000 });
    expect(validIntent({ tab: 'pet', at: now }, now)).toEqual({ tab: 'pet', at: now });
    // The pet travels in the store (selectedPetId), not in the intent: extra fields are dropped.
    expect(validIntent({ tab: 'pet', petId: 'p1', at: now }, now)).toEqual({ tab: 'pet', at: now });
    expect(validIntent({ tab: 'coach', at: now - INTENT_TTL_MS - 1 }, now)).toBeNull();
    expect(validIntent({ tab: 'coach', at: now + 5_000 }, now)).toBeNull();
    expect(validIntent({ tab: 'stats', at: now }, now)).toBeNull();
    expect(validIntent({ tab: 'pet', at: 'now' }, now)).toBeNull();
    expect(validIntent('coach', now)).toBeNull();
    expect(validIntent(null, now)).toBeNull();
  });
});
