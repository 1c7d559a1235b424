// Starts the app. A file of its own rather than an inline script, so the Content-Security-Policy
// in index.html can forbid inline scripts. Trunk writes the hashed names of the app's JavaScript
// and WebAssembly into the data attributes of <meta name="gpfe-app"> (see pattern_script in
// Trunk.toml), and gives this file a hashed name of its own.
const tag = document.querySelector('meta[name="gpfe-app"]');
// The copy of the page written into index.html, shown while the app loads where first-view.js
// says so (the app takes it away once its page is drawn); elsewhere it goes now.
const firstView = document.getElementById('first-view');
if (!document.documentElement.classList.contains('first-view')) firstView?.remove();
try {
  const { default: init } = await import(tag.dataset.js);
  const wasm = await init({ module_or_path: tag.dataset.wasm });
  // As Trunk's own loader does: lets a page that embeds or tests the app see it has started.
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
} catch (err) {
  // Without this the page would stay blank, or show a copy that never starts: say what failed, as text.
  firstView?.remove();
  const message = document.createElement('p');
  message.className = 'start-failure';
  message.setAttribute('role', 'alert');
  message.textContent =
    `GP Funding Explorer could not start: ${err?.message ?? err}. ` +
    'It needs a current browser with JavaScript and WebAssembly; reloading the page may help.';
  document.body.append(message);
}

// Offline after the first visit: a service worker from this origin (sw.js) keeps a copy of every
// file the page loads. Tell it about the files loaded so far and each one loaded later.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker
    .register('./sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const keep = (urls) => registration.active?.postMessage({ type: 'gpfe-keep', urls });
      keep([location.href, ...performance.getEntriesByType('resource').map((e) => e.name)]);
      new PerformanceObserver((list) => keep(list.getEntries().map((e) => e.name))).observe({ type: 'resource' });
    })
    .catch(() => {
      // No offline copy (a private window, or a browser that refuses): the page works as before.
    });
}
