// An MCP client on the official TypeScript SDK, as an agent runs one, calling the notes MCP
// server's tools. NotesMcpNodeClientTests starts it and reads what it prints, one line each:
//   HTTP <method> <url> <status>   every request the SDK makes, discovery and OAuth included
//   AUTHORIZE <url>                where the user's browser must go to sign in and approve
//   REGISTERED <json>              what dynamic client registration (RFC 7591) gave back
//   CALLBACK <json>                the authorization response's iss (RFC 9207)
//   TOKEN <access token>           so the test can ask Latchkey whom the token is for
//   RESULT <json>                  each tool's result, in the order asked
//
// Usage: node mcp-client.mjs <mcp url> '<json array of {"name", "arguments"}>'
// With MCP_TOKEN in the environment it sends that token (a personal access token); without,
// it signs in with OAuth: discovery, registration, PKCE and a resource indicator, all the SDK's.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { LoopbackOAuthProvider } from './loopback-oauth.mjs';

const [mcpUrl, callsJson] = process.argv.slice(2);
const calls = JSON.parse(callsJson);

async function loggedFetch(url, init) {
  const response = await fetch(url, init);
  console.log(`HTTP ${init?.method ?? 'GET'} ${url} ${response.status}`);
  return response;
}

function transport(options) {
  return new StreamableHTTPClientTransport(new URL(mcpUrl), { fetch: loggedFetch, ...options });
}

async function connect(clientTransport) {
  const client = new Client({ name: 'notes-mcp-node-client', version: '1.0.0' });
  await client.connect(clientTransport);
  return client;
}

async function connectWithToken(token) {
  return connect(transport({ requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
}

async function connectWithOAuth() {
  const provider = await LoopbackOAuthProvider.start();
  try {
    const first = transport({ authProvider: provider });
    try {
      await connect(first);
      throw new Error('The MCP server answered without a token');
    }
    catch (error) {
      if (!(error instanceof UnauthorizedError)) {
        throw error;
      }
    }
    // The SDK has met the 401, discovered Latchkey, registered and sent the browser off.
    const { client_id, client_secret, token_endpoint_auth_method } = provider.clientInformation();
    console.log(`REGISTERED ${JSON.stringify({ client_id, has_secret: client_secret !== undefined, token_endpoint_auth_method })}`);
    const { code, iss } = await provider.callback();
    console.log(`CALLBACK ${JSON.stringify({ iss })}`);
    await first.finishAuth(code);
    console.log(`TOKEN ${provider.tokens().access_token}`);
    return await connect(transport({ authProvider: provider }));
  }
  finally {
    provider.close();
  }
}

const client = process.env.MCP_TOKEN ? await connectWithToken(process.env.MCP_TOKEN) : await connectWithOAuth();
for (const call of calls) {
  console.log(`RESULT ${JSON.stringify(await client.callTool(call))}`);
}
// Ending the session closes the server's stream to this client; otherwise it waits for a write.
await client.transport.terminateSession();
await client.close();
