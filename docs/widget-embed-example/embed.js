/* global document, window */
// Passes the signed-in visitor's identity to the Parley web chat framed on this page.
//
// The site's server signs the identity and writes it into the iframe's data-parley-identity
// attribute (as JSON). This script sends it to the chat, and to nobody else: the target origin
// is the chat's, so if the frame has navigated anywhere else the browser drops the message.
// It sends whenever the chat says it is ready, and at once if the chat had loaded before this
// script ran; the chat ignores an identity it already has.
for (const frame of document.querySelectorAll('iframe[data-parley-identity]')) {
  const chatOrigin = new URL(frame.src).origin;
  const identity = JSON.parse(frame.dataset.parleyIdentity);
  const send = () =>
    frame.contentWindow?.postMessage({ type: 'parley:identity', identity }, chatOrigin);
  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || event.origin !== chatOrigin) return;
    if (event.data?.type === 'parley:ready') send();
  });
  // A page of another origin in the frame (one this page cannot read) is the chat, loaded
  // already: it may have said ready before this script listened.
  if (frame.contentDocument === null) send();
}
