// Runs before the page is shown. index.html holds a copy of the page for the default scenario
// (public/first-view.html), shown while the app loads. A link with settings of its own (a query
// or a fragment), or a reader whose page starts otherwise (guessing before the results show, or
// the controls left open), must not see it: for them it is hidden from the first frame, and
// boot.js takes it away.
const own = (key) => {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
};
if (location.search || location.hash || own('gpfe-predict') || own('gpfe-controls-open')) {
  document.documentElement.classList.add('own-view');
}
