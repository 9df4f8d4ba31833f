/**
 * The development chat page served at `/` by the command-line server in
 * development mode (`--auth dev` or `--web`): a socket.io client of the
 * reference protocol in one self-contained HTML file.
 *
 * @module
 */

/** The page; `namespace` is the socket.io namespace of the service. */
export function webPage(namespace: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>chat-service</title>
<style>
  body { font: 15px/1.4 system-ui, sans-serif; margin: 0; display: flex; height: 100vh; }
  #login { margin: auto; }
  #app { display: none; flex: 1; }
  aside { width: 14rem; border-right: 1px solid #ddd; padding: .5rem; overflow: auto; }
  main { flex: 1; display: flex; flex-direction: column; }
  #messages { flex: 1; overflow: auto; padding: .5rem; margin: 0; list-style: none; }
  #messages li { margin: .2rem 0; }
  #messages .author { font-weight: 600; margin-right: .4rem; }
  #messages .system { color: #777; font-style: italic; }
  form.send { display: flex; border-top: 1px solid #ddd; padding: .5rem; gap: .5rem; }
  form.send input { flex: 1; }
  h2 { font-size: .9rem; text-transform: uppercase; color: #555; margin: .8rem 0 .3rem; }
  ul.plain { list-style: none; padding: 0; margin: 0; }
  .room { cursor: pointer; } .room.current { font-weight: 700; }
  #error { color: #b00; min-height: 1.2em; }
</style>
</head>
<body>
<form id="login">
  <h1>chat-service</h1>
  <p>Development mode: any name logs in.</p>
  <input id="name" placeholder="your name" autocomplete="off" required>
  <button>Log in</button>
  <p id="error" role="alert"></p>
</form>
<div id="app">
  <aside>
    <div>Logged in as <b id="me"></b></div>
    <h2>Rooms</h2>
    <ul id="rooms" class="plain"></ul>
    <form id="join"><input id="roomName" placeholder="join a room" size="12"><button>Join</button></form>
    <h2>In this room</h2>
    <ul id="users" class="plain"></ul>
  </aside>
  <main>
    <ul id="messages" aria-live="polite"></ul>
    <form class="send" id="send"><input id="text" placeholder="message" autocomplete="off"><button>Send</button></form>
  </main>
</div>
<script src="/socket.io/socket.io.min.js"></script>
<script>
(() => {
  const $ = (id) => document.getElementById(id);
  const state = { socket: null, room: null, joined: new Set(), history: new Map() };
  const call = (cmd, ...args) => new Promise((resolve, reject) =>
    state.socket.emit(cmd, ...args, (error, data) => (error ? reject(new Error(String(error))) : resolve(data))));
  const item = (parent, text, cls) => {
    const li = document.createElement('li');
    if (cls) li.className = cls;
    li.textContent = text;
    parent.appendChild(li);
    return li;
  };
  const showMessage = (msg) => {
    const li = document.createElement('li');
    li.dataset.id = String(msg.id);
    const who = document.createElement('span');
    who.className = 'author';
    who.textContent = msg.author ?? 'server';
    li.append(who, document.createTextNode(String(msg.textMessage ?? JSON.stringify(msg))));
    $('messages').appendChild(li);
    li.scrollIntoView();
  };
  const renderRooms = () => {
    $('rooms').replaceChildren();
    for (const r of state.joined) {
      const li = item($('rooms'), r, 'room' + (r === state.room ? ' current' : ''));
      li.onclick = () => void select(r);
    }
  };
  const renderUsers = async () => {
    $('users').replaceChildren();
    if (!state.room) return;
    const users = await call('roomGetAccessList', state.room, 'userlist');
    for (const u of users) item($('users'), u);
  };
  const select = async (room) => {
    state.room = room;
    renderRooms();
    $('messages').replaceChildren();
    const history = await call('roomRecentHistory', room);
    for (const msg of history.reverse()) showMessage(msg);
    await renderUsers();
  };
  const join = async (room) => {
    await call('roomJoin', room);
    state.joined.add(room);
    await select(room);
  };
  $('login').onsubmit = (event) => {
    event.preventDefault();
    const socket = io(${JSON.stringify(namespace)}, { query: { user: $('name').value }, transports: ['websocket'], reconnection: false });
    state.socket = socket;
    socket.once('loginRejected', (error) => { $('error').textContent = String(error); socket.close(); });
    socket.once('loginConfirmed', async (userName) => {
      $('login').style.display = 'none';
      $('app').style.display = 'flex';
      $('me').textContent = userName;
      socket.on('roomMessage', (room, msg) => { if (room === state.room) showMessage(msg); });
      socket.on('roomUserJoined', (room, user) => { if (room === state.room) void renderUsers(); item($('messages'), user + ' joined', 'system'); });
      socket.on('roomUserLeft', (room, user) => { if (room === state.room) void renderUsers(); item($('messages'), user + ' left', 'system'); });
      socket.on('roomAccessRemoved', (room) => { state.joined.delete(room); if (state.room === room) state.room = null; renderRooms(); });
      try { await join('default'); } catch (error) { item($('messages'), String(error), 'system'); }
    });
  };
  $('join').onsubmit = (event) => {
    event.preventDefault();
    const room = $('roomName').value.trim();
    if (room) join(room).catch((error) => item($('messages'), String(error.message), 'system'));
    $('roomName').value = '';
  };
  $('send').onsubmit = (event) => {
    event.preventDefault();
    const text = $('text').value;
    if (!text || !state.room) return;
    $('text').value = '';
    call('roomMessage', state.room, { textMessage: text }).catch((error) => item($('messages'), String(error.message), 'system'));
  };
})();
</script>
</body>
</html>
`;
}
