// Passkeys with Spring Security's WebAuthn endpoints. A button with data-passkey="sign-in"
// signs in (or confirms access) with a passkey; a form with data-passkey="register" adds one.
// Both carry the page's CSRF token, and data-continue says where to go afterwards.
(() => {
  const toBytes = (text) => {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  };
  const toText = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

  const post = async (element, url, body) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [element.dataset.csrfHeader]: element.dataset.csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(response.status === 403 ? 'Confirm access first, then try again.' : 'The server refused the passkey.');
    }
    return response.json();
  };

  const signIn = async (button) => {
    const options = await post(button, '/webauthn/authenticate/options');
    options.challenge = toBytes(options.challenge);
    options.allowCredentials = (options.allowCredentials || []).map((c) => ({ ...c, id: toBytes(c.id) }));
    const credential = await navigator.credentials.get({ publicKey: options });
    const response = credential.response;
    const result = await post(button, '/login/webauthn', {
      id: credential.id,
      rawId: toText(credential.rawId),
      response: {
        authenticatorData: toText(response.authenticatorData),
        clientDataJSON: toText(response.clientDataJSON),
        signature: toText(response.signature),
        userHandle: response.userHandle ? toText(response.userHandle) : undefined,
      },
      credType: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment,
    });
    window.location.assign(button.dataset.continue || result.redirectUrl);
  };

  const register = async (form) => {
    const name = form.querySelector('[name=name]').value.trim();
    if (!name) {
      throw new Error('Give the passkey a name.');
    }
    const options = await post(form, '/webauthn/register/options');
    options.challenge = toBytes(options.challenge);
    options.user.id = toBytes(options.user.id);
    options.excludeCredentials = (options.excludeCredentials || []).map((c) => ({ ...c, id: toBytes(c.id) }));
    const credential = await navigator.credentials.create({ publicKey: options });
    const response = credential.response;
    const result = await post(form, '/webauthn/register', {
      publicKey: {
        credential: {
          id: credential.id,
          rawId: toText(credential.rawId),
          response: {
            attestationObject: toText(response.attestationObject),
            clientDataJSON: toText(response.clientDataJSON),
            transports: response.getTransports ? response.getTransports() : [],
          },
          type: credential.type,
          clientExtensionResults: credential.getClientExtensionResults(),
          authenticatorAttachment: credential.authenticatorAttachment,
        },
        label: name,
      },
    });
    if (!result.success) {
      throw new Error('The server refused the passkey.');
    }
    window.location.assign(form.dataset.continue);
  };

  const showing = (element, action) => async (event) => {
    event.preventDefault();
    const error = document.querySelector('[data-passkey-error]');
    error.hidden = true;
    try {
      await action(element);
    } catch (e) {
      error.textContent = e.name === 'NotAllowedError' ? 'The passkey was not used.' : e.message;
      error.hidden = false;
    }
  };

  document.addEventListener('DOMContentLoaded', () => {
    if (!window.PublicKeyCredential) {
      return;
    }
    document.querySelectorAll('[data-passkey=sign-in]').forEach((button) => {
      button.hidden = false;
      button.addEventListener('click', showing(button, signIn));
    });
    document.querySelectorAll('form[data-passkey=register]').forEach((form) => {
      form.addEventListener('submit', showing(form, register));
    });
  });
})();
