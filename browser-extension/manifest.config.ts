import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };

const icons = { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png', 48: 'icons/icon-48.png', 128: 'icons/icon-128.png' };

/**
 * Least privilege (issue 4): storage/alarms/identity/notifications only; host
 * access to github.com for the overlay and to the default local API. Any
 * other API origin is an optional permission requested when the user saves it
 * on the options page. A match pattern without a port matches every port, so
 * `http://localhost/*` covers :8787 and local test servers alike.
 */
export default defineManifest({
  manifest_version: 3,
  name: 'Tamagitto',
  // The words live in public/_locales/<lang>/messages.json (English and German); Chrome picks the browser's language.
  default_locale: 'en',
  description: '__MSG_ext_description__',
  version: pkg.version,
  // 116: an open WebSocket keeps the MV3 service worker alive.
  minimum_chrome_version: '116',
  icons,
  action: { default_popup: 'src/popup/index.html', default_icon: icons, default_title: 'Tamagitto' },
  options_ui: { page: 'src/options/index.html', open_in_tab: true },
  background: { service_worker: 'src/background/service-worker.ts', type: 'module' },
  content_scripts: [{ matches: ['https://github.com/*'], js: ['src/content/main.tsx'], run_at: 'document_idle' }],
  permissions: ['storage', 'alarms', 'identity', 'notifications'],
  host_permissions: ['http://localhost/*', 'http://127.0.0.1/*', 'https://github.com/*'],
  optional_host_permissions: ['https://*/*', 'http://*/*'],
  // No remote code, no eval, no plugins, no <base> hijacking.
  content_security_policy: { extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'" },
});
