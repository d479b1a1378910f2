import { startFeatures } from './feature-registry.ts';
import { petBadge } from './features/pet-badge.tsx';

// Every feature the content script runs on github.com.
startFeatures([petBadge]);
