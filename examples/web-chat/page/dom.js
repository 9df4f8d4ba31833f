/** Small DOM helpers: look-ups, element building, error slots. */

/**
 * The element with this id; throws if the page lacks it (a typo, not a user error).
 * @param {string} id
 * @returns {HTMLElement}
 */
export function byId(id) {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found;
}

/**
 * Builds an element: `el('li', { className: 'x', dataset: { id: '1' } }, 'text', child)`.
 * Text children are text nodes: nothing a user typed is ever parsed as HTML.
 * @param {string} tag
 * @param {Record<string, unknown>} [props]
 * @param {...(Node | string)} children
 * @returns {HTMLElement}
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('aria-') || key === 'role') node.setAttribute(key, String(value));
    else node[key] = value;
  }
  node.append(...children);
  return node;
}

/**
 * Shows a sentence in an error slot (`<p class="error" role="alert">`), or clears it.
 * @param {string} id
 * @param {string} [text]
 */
export function showError(id, text = '') {
  byId(id).textContent = text;
}

/**
 * Runs a form's action on submit, with the form's buttons disabled meanwhile.
 * @param {string} id - the form's id
 * @param {(form: HTMLFormElement) => Promise<void> | void} action
 */
export function onSubmit(id, action) {
  const form = /** @type {HTMLFormElement} */ (byId(id));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const buttons = form.querySelectorAll('button');
    for (const b of buttons) b.disabled = true;
    try {
      await action(form);
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  });
}
