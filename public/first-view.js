// Runs before the page is shown. index.html holds a copy of the page for the default scenario
// (public/first-view.html), shown while the app loads, but only where this script says so: not
// without JavaScript (the app could not start), and not for a link with settings of its own (a
// query or a fragment) or a reader whose page starts otherwise (guessing before the results
// show, or the controls left open). Where it does not show, boot.js takes it away.
const remembered = (key) => {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
};
if (!location.search && !location.hash && !remembered('gpfe-predict') && !remembered('gpfe-controls-open')) {
  document.documentElement.classList.add('first-view');
}
