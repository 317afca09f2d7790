// What a desktop MCP client keeps for one sign-in: the SDK's OAuthClientProvider held in memory,
// and a loopback callback server (RFC 8252) that the user's browser lands on with the code.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

export class LoopbackOAuthProvider {
  #server;
  #redirectUrl;
  #clientInformation;
  #tokens;
  #codeVerifier;
  #state;
  #callback;

  /** Listens on 127.0.0.1 on a port the system picks: the redirect URI is only known then. */
  static async start() {
    const provider = new LoopbackOAuthProvider();
    provider.#callback = new Promise((resolve, reject) => {
      provider.#server = createServer((request, response) => provider.#receive(request, response, resolve, reject));
    });
    await new Promise((resolve) => provider.#server.listen(0, '127.0.0.1', resolve));
    provider.#redirectUrl = `http://127.0.0.1:${provider.#server.address().port}/callback`;
    return provider;
  }

  get redirectUrl() {
    return this.#redirectUrl;
  }

  // What the SDK sends to the registration endpoint (RFC 7591): a public client, no secret.
  get clientMetadata() {
    return {
      client_name: 'Notes MCP Node client',
      redirect_uris: [this.#redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  state() {
    this.#state = randomBytes(16).toString('base64url');
    return this.#state;
  }

  clientInformation() {
    return this.#clientInformation;
  }

  saveClientInformation(information) {
    this.#clientInformation = information;
  }

  tokens() {
    return this.#tokens;
  }

  saveTokens(tokens) {
    this.#tokens = tokens;
  }

  saveCodeVerifier(verifier) {
    this.#codeVerifier = verifier;
  }

  codeVerifier() {
    return this.#codeVerifier;
  }

  // The test drives the browser: it reads this line, signs in and approves.
  redirectToAuthorization(url) {
    console.log(`AUTHORIZE ${url}`);
  }

  /** The authorization response, once the browser has brought it: {code, iss}. */
  callback() {
    return this.#callback;
  }

  close() {
    // The browser keeps its connection open; the process must not wait for it to let go.
    this.#server.closeAllConnections();
    this.#server.close();
  }

  #receive(request, response, resolve, reject) {
    const url = new URL(request.url, this.#redirectUrl);
    if (url.pathname !== '/callback') {
      response.writeHead(404).end();
      return;
    }
    const code = url.searchParams.get('code');
    // A response without our state could be another site's forged redirect (RFC 6749, 10.12).
    if (!code || url.searchParams.get('state') !== this.#state) {
      response.writeHead(400, { 'Content-Type': 'text/html' }).end('<h1>Not signed in</h1>');
      reject(new Error(`Authorization failed: ${url.search}`));
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>Signed in to Notes MCP</h1>');
    resolve({ code, iss: url.searchParams.get('iss') });
  }
}
