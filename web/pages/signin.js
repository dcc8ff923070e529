/** Sign in with an API token (`trademail token create --user <email>` prints one). */
import { ApiError, request, setToken } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';

export function renderSignIn({ main, onSignedIn }) {
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    placeholder: 'tm_…',
  });
  const message = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h(
    'form',
    {
      class: 'panel signin',
      onSubmit: async (event) => {
        event.preventDefault();
        const value = input.value.trim();
        if (!value) return;
        button.disabled = true;
        message.hidden = true;
        try {
          const answer = await request('GET', '/api/me', undefined, value);
          setToken(value);
          await onSignedIn(answer.user ?? answer);
        } catch (err) {
          message.hidden = false;
          message.textContent =
            err instanceof ApiError && err.status === 401 ? 'That token was not accepted.' : err.message;
        } finally {
          button.disabled = false;
        }
      },
    },
    h('h1', null, 'Sign in'),
    h(
      'p',
      { class: 'muted' },
      'Paste your API token. Ask your administrator for one (trademail token create --user <your email>). It is kept in this browser tab only.',
    ),
    h('label', { for: 'token' }, 'API token'),
    input,
    message,
    button,
  );
  replace(main, form);
  input.focus();
}
