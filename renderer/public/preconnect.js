// Web preview only: buys the socket ticket and opens the terminal socket while the
// screens are still downloading. renderer/src/pos.ts adopts it when its address is
// the one the wire format names, and opens its own otherwise. In the app this does nothing.
(function () {
  'use strict';
  if (window.pos) return;
  var token = new URLSearchParams(location.search).get('token');
  if (!token || typeof fetch !== 'function') return;
  var scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  window.ccposEarlySocket = fetch('/pos/ticket', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: token }),
    cache: 'no-store',
  })
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .then(function (body) {
      if (!body || typeof body.ticket !== 'string') return null;
      var socket = new WebSocket(
        scheme + '//' + location.host + '/pos?ticket=' + encodeURIComponent(body.ticket),
      );
      var early = [];
      function keep(event) {
        if (typeof event.data === 'string') early.push(event.data);
      }
      socket.addEventListener('message', keep);
      return {
        socket: socket,
        adopt: function () {
          socket.removeEventListener('message', keep);
          return early.splice(0);
        },
      };
    })
    .catch(function () {
      return null;
    });
})();
