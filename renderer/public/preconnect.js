// Web preview only: opens the terminal socket while the screens are still
// downloading. renderer/src/pos.ts adopts it when its address is the one the
// wire format names, and opens its own otherwise. In the app this does nothing.
(function () {
  'use strict';
  if (window.pos) return;
  var token = new URLSearchParams(location.search).get('token');
  if (!token) return;
  var scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  var socket = new WebSocket(scheme + '//' + location.host + '/pos?token=' + encodeURIComponent(token));
  var early = [];
  function keep(event) {
    if (typeof event.data === 'string') early.push(event.data);
  }
  socket.addEventListener('message', keep);
  window.ccposEarlySocket = {
    socket: socket,
    adopt: function () {
      socket.removeEventListener('message', keep);
      return early.splice(0);
    },
  };
})();
