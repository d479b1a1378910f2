// A classic (non-module) script in the popup's <head>, run before any module
// loads (issues 4, 17, 18: the pet on screen within 100 ms of opening).
//
// 1. It starts reading the cache from chrome.storage while the module graph is
//    still loading, and keeps the changes made after that read for the app.
//    The key list must match POPUP_KEYS in src/popup/start.tsx.
// 2. The popup snapshot: the HTML of the popup's first screen as the app last
//    rendered it (src/popup/snapshot.ts writes it to localStorage with the key
//    of what it was rendered from). When the cache just read gives the same key
//    — same account, same pets and details, same settings, status, coach inbox,
//    language, day and build — that HTML is exactly what the app's first render
//    would be, so it is put in #app at once and the app takes it over once it
//    has painted (src/popup/main.tsx, start.tsx); a click in between is honoured then. Any other answer drops the snapshot: signed out
//    (also by the service worker, which has no localStorage), another account,
//    any change to what the first screen shows. See the README, "Popup snapshot".
(() => {
  performance.mark('tamagitto:boot');
  const KEYS = ['settings', 'session', 'pets', 'petDetails', 'selectedPetId', 'live', 'lastChange', 'coachInbox'];
  const SNAPSHOT = 'tamagitto:popup-snapshot';
  // Changes to those keys from now on: the app subscribes only once it has rendered, up to a few
  // hundred milliseconds after this read, and one made in between (a live nudge, a pet update) would
  // otherwise be lost — the app applies these when it subscribes (src/popup/start.tsx, app.tsx).
  const changed = {};
  const listen = (changes, area) => {
    if (area !== 'local') return;
    for (const key of KEYS) if (key in changes) changed[key] = changes[key];
  };
  chrome.storage.onChanged.addListener(listen);
  window.__tamagittoChangedSinceRead = () => {
    chrome.storage.onChanged.removeListener(listen);
    return changed;
  };
  const read = chrome.storage.local.get(KEYS);
  window.__tamagittoCache = read;
  // A notification click may ask for another tab (src/shared/popup-intent.ts): then no snapshot of
  // the Pet tab. Asked together with the cache: the paint waits for both answers, and asked after
  // the localStorage read below (the page's first, synchronous, access to it) it left later.
  const intent = chrome.storage.session.get('popupIntent').then(
    (got) => got.popupIntent !== undefined,
    () => false,
  );

  /** A 53-bit hash of a string (cyrb53): the snapshot keeps this, not the whole key. */
  const hash = (str) => {
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < str.length; i++) {
      const ch = str.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
  };

  /**
   * What the first screen is rendered from, as one hash; null when there is
   * nothing to snapshot (signed out, no pets yet). `got` is chrome.storage's raw
   * answer for KEYS. The details' fetchedAt is left out (a refresh with the same
   * data keeps the snapshot); lastChange too (the app renders the snapshot
   * without the reaction, and we never paint one while a reaction would show).
   */
  const snapshotKey = (got) => {
    const s = got.session;
    const items = got.pets && got.pets.items;
    if (!s || !s.user || !Array.isArray(items) || items.length === 0) return null;
    const details = {};
    for (const [id, d] of Object.entries(got.petDetails || {})) details[id] = d && { history: d.history, analyses: d.analyses };
    // The build: the popup's module script (its name carries the bundle's hash).
    const build = document.querySelector('script[src]:not([src$="popup-boot.js"])');
    return hash(
      JSON.stringify([
        1,
        build ? build.getAttribute('src') : '',
        chrome.i18n.getUILanguage(),
        new Date().toISOString().slice(0, 10),
        s.user,
        got.settings || null,
        items,
        details,
        got.selectedPetId ?? null,
        got.live ? got.live.status : null,
        got.coachInbox || null,
      ]),
    );
  };
  window.__tamagittoSnapshotKey = snapshotKey;

  /** Without the snapshot the app paints: fetch its modules now (their names: vite.config.ts), not once the entry ran. */
  const preloadApp = () => {
    const names = document.querySelector('meta[name="tamagitto:app-modules"]');
    for (const href of names ? names.content.split(' ').filter(Boolean) : []) {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.crossOrigin = '';
      link.href = href;
      document.head.appendChild(link);
    }
  };

  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(SNAPSHOT) || 'null');
  } catch {
    saved = null;
  }
  if (!saved || typeof saved.key !== 'string' || typeof saved.html !== 'string') {
    preloadApp();
    window.__tamagittoSnapshot = Promise.resolve(false);
    return;
  }
  // #app, as soon as the parser has put it in the document. Not at 'interactive': that comes in a
  // later task, and a first (blank) frame of the page could run in between and hold the snapshot
  // back by a frame after the cache had answered (browser-extension/bench/popup-trace.ts).
  const parsed = new Promise((resolve) => {
    if (document.getElementById('app') || document.readyState !== 'loading') return resolve();
    const seen = new MutationObserver(() => {
      if (!document.getElementById('app')) return;
      seen.disconnect();
      resolve();
    });
    seen.observe(document, { childList: true, subtree: true });
    document.addEventListener('readystatechange', () => (seen.disconnect(), resolve()), { once: true });
  });

  read.then(() => performance.mark('tamagitto:storage-read'), () => undefined);
  window.__tamagittoSnapshot = Promise.all([read, intent, parsed]).then(([got, steered]) => {
    const app = document.getElementById('app');
    const key = snapshotKey(got);
    if (key !== saved.key) localStorage.removeItem(SNAPSHOT);
    const last = got.lastChange;
    const reacting = last && Date.now() - Date.parse(last.at) < 10_000;
    if (!app || key !== saved.key || steered || reacting || app.firstChild) {
      preloadApp();
      return false;
    }
    app.innerHTML = saved.html;
    performance.mark('tamagitto:snapshot-painted');
    // A click on the snapshot, before the app has taken it over, is not lost (src/popup/start.tsx):
    // the last tab clicked is the app's first tab, and a button clicked after it is clicked again
    // once the app's handlers are on it (the takeover keeps the nodes). Links need nothing: the
    // browser follows them.
    const clicked = { tab: null, button: null };
    const early = (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const tab = target && target.closest('[role="tab"][id^="tab-"]');
      const button = target && target.closest('button');
      if (tab) {
        clicked.tab = tab.id.slice('tab-'.length);
        clicked.button = null;
      } else if (button) clicked.button = button;
    };
    app.addEventListener('click', early, true);
    window.__tamagittoTakeover = () => {
      app.removeEventListener('click', early, true);
      return clicked;
    };
    // Set in the frame the pet is drawn, as the app does (bench/popup.ts reads it).
    requestAnimationFrame(() => performance.mark('tamagitto:pet-painted'));
    return true;
  });
  window.__tamagittoSnapshot.catch(() => undefined);
})();
