/**
 * The connection indicator: the SDK's `connectionState` ('connecting',
 * 'connected', 'reconnecting', 'closed') shown in the top bar, with a banner
 * over the conversation while the page is offline. The SDK rejoins the rooms
 * and catches up on what was missed by itself once it is back.
 */
import { byId } from './dom.js';

const LABELS = {
  connecting: 'connecting…',
  connected: 'online',
  reconnecting: 'offline',
  closed: 'disconnected',
};

/** @param {string} state */
function show(state) {
  const status = byId('status');
  status.dataset.state = state;
  status.textContent = LABELS[state] ?? state;
  const offline = byId('offline');
  offline.hidden = state === 'connected' || state === 'connecting';
  offline.textContent =
    state === 'closed'
      ? 'Disconnected from the server. Reload the page to connect again.'
      : 'Offline — reconnecting… Messages sent meanwhile will appear once the connection is back.';
}

/**
 * Shows the client's connection state now and whenever it changes.
 * @param {{ connectionState?: string, on: (event: string, listener: (state: string) => void) => unknown }} client
 * @param {(state: string) => void} onChange - called on each change, after the display
 */
export function listenToConnection(client, onChange) {
  show(client.connectionState ?? 'connected');
  client.on('connectionState', (state) => {
    show(state);
    onChange(state);
  });
}
