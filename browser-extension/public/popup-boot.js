// A classic (non-module) script in the popup's <head>: it starts reading the
// cache from chrome.storage while the module graph is still loading, so the
// pet can paint sooner (issue 4: < 100 ms to first paint from cache).
// The key list must match POPUP_KEYS in src/popup/main.tsx.
window.__tamagittoCache = chrome.storage.local.get(['settings', 'session', 'pets', 'petDetails', 'selectedPetId', 'live', 'lastChange', 'coachInbox']);
