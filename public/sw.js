// Keeps GP Funding Explorer working offline after a first visit. Every file of the app comes
// from its own origin: the page, its hashed script, WebAssembly and style, and the data files.
// Each request goes to the network first, so a new build is picked up whenever the network is
// there; the copy kept here answers when it is not. The page tells this worker which files it
// has loaded (see boot.js), so even the first visit is kept whole.
const CACHE = 'gpfe-v1';
// Trunk names the app's files with a hash of their content: app-0123456789abcdef.js.
const HASHED = /-[0-9a-f]{15,16}(_bg)?\.(js|wasm|css|svg)$/;

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))),
  );
});

const sameOrigin = (url) => {
  try {
    return new URL(url, self.location.href).origin === self.location.origin;
  } catch {
    return false;
  }
};

// The page's address with its query string dropped: every view is the same page.
const pageKey = (url) => {
  const u = new URL(url, self.location.href);
  u.search = '';
  u.hash = '';
  return u.href;
};

/** Drops hashed files the current page no longer names: what an older build left behind. */
async function forgetOldBuilds(cache, html) {
  const keys = await cache.keys();
  await Promise.all(
    keys
      .filter((request) => HASHED.test(new URL(request.url).pathname))
      .filter((request) => !html.includes(new URL(request.url).pathname.split('/').pop()))
      .map((request) => cache.delete(request)),
  );
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  const key = request.mode === 'navigate' ? pageKey(request.url) : request;
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(key, response.clone());
      if (request.mode === 'navigate') await forgetOldBuilds(cache, await response.clone().text());
    }
    return response;
  } catch (err) {
    const kept = await cache.match(key);
    if (kept) return kept;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !sameOrigin(request.url)) return;
  event.respondWith(networkFirst(request));
});

// The page lists the files it has loaded: keep a copy of each.
self.addEventListener('message', (event) => {
  const { type, urls } = event.data ?? {};
  if (type !== 'gpfe-keep' || !Array.isArray(urls)) return;
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        urls
          .filter((url) => typeof url === 'string' && sameOrigin(url))
          .map(async (url) => {
            const key = new URL(url).pathname === new URL(self.registration.scope).pathname || url.includes('?')
              ? pageKey(url)
              : url;
            if (await cache.match(key)) return;
            try {
              const response = await fetch(url);
              if (response.ok) await cache.put(key, response);
            } catch {
              // Offline already: nothing to keep.
            }
          }),
      ),
    ),
  );
});
