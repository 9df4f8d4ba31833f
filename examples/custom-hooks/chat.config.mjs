// A config module for the `chat-service` command:
//   chat-service --config ./chat.config.mjs
// It shows the usual hooks: authentication, message validation, moderation,
// room set-up at start, and options.

// Demo tokens; in production verify a signed token (or use --auth jwt).
const TOKENS = new Map([
  ['alice-token', 'alice'],
  ['bob-token', 'bob'],
  ['mod-token', 'moderator'],
]);

const BANNED_WORDS = ['spam'];

export const options = {
  enableDirectMessages: true,
  enableUserlistUpdates: true,
  historyMaxSize: 500,
  maxMessageSize: 4096,
  rateLimit: { commands: 20, intervalMs: 1000 },
};

export const hooks = {
  // Who is connecting? Resolve [userName, authData]; throw to refuse.
  onConnect(server, socketId) {
    const { query } = server.transport.getHandshakeData(socketId);
    const user = TOKENS.get(String(query.token ?? ''));
    if (!user) throw new server.ChatServiceError('notAllowed');
    return [user, { role: user === 'moderator' ? 'moderator' : 'member' }];
  },

  // Runs before connections are accepted: create the rooms the app needs.
  async onStart(server) {
    if (!(await server.hasRoom('lobby'))) {
      await server.addRoom('lobby', { owner: 'moderator', enableAccessListsUpdates: true });
    }
  },

  // Any plain object is a valid message once this resolves: here a text of
  // at most 500 characters and an optional "mood".
  async roomMessagesChecker(message) {
    const { text, mood, ...rest } = message;
    if (typeof text !== 'string' || text.length === 0 || text.length > 500) throw new Error('text must be 1-500 characters');
    if (mood !== undefined && !['happy', 'sad'].includes(mood)) throw new Error('mood must be happy or sad');
    if (Object.keys(rest).length > 0) throw new Error(`unknown fields: ${Object.keys(rest).join(', ')}`);
  },

  // Moderation before a room message is stored and broadcast: returning a
  // value would replace the result; throwing refuses the message.
  async roomMessageBefore(execInfo) {
    const [, message] = execInfo.args;
    if (BANNED_WORDS.some((w) => message.text.toLowerCase().includes(w))) throw new Error('message refused by moderation');
  },

  // Greet each socket that joins a room (a direct notification to that user).
  async onJoin(server, { roomName, id }) {
    const userName = await userOfSocket(server, id);
    if (userName) await server.execUserCommand(userName, 'systemMessage', { welcome: roomName });
  },
};

async function userOfSocket(server, id) {
  const sockets = await server.state.getInstanceSockets();
  return sockets[id];
}
