import { startFeatures } from './feature-registry.ts';
import { petBadge } from './features/pet-badge.tsx';
import { prPrediction } from './features/pr-prediction.tsx';

// Every feature the content script runs on github.com.
startFeatures([petBadge, prPrediction]);
