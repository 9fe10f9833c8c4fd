// An example shop page that embeds the demo web chat with its visitor signed in.
//
//   node docs/widget-embed-example/server.mjs     then open http://localhost:8000
//
// PARLEY_URL (default http://localhost:3000), PARLEY_CHANNEL (demo-webchat) and
// PARLEY_IDENTITY_SECRET (demo-identity-secret) point it at another desk. The demo web chat
// allows http://localhost:8000 and http://127.0.0.1:8000 in settings.allowedOrigins.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const parley = process.env.PARLEY_URL ?? 'http://localhost:3000';
const channelId = process.env.PARLEY_CHANNEL ?? 'demo-webchat';
// On the server only: whoever holds the secret can sign in as any number.
const secret = process.env.PARLEY_IDENTITY_SECRET ?? 'demo-identity-secret';
const port = Number(process.env.PORT ?? 8000);
const embedScript = readFileSync(new URL('embed.js', import.meta.url));

/** The visitor's identity, signed: HMAC-SHA256 of "<E.164 phone>.<expires unix seconds>". */
function signIdentity(phone, name, ttlSeconds = 600) {
  const expires = Math.floor(Date.now() / 1000) + ttlSeconds;
  const signature = createHmac('sha256', secret).update(`${phone}.${expires}`).digest('hex');
  return { phone, name, expires, signature };
}

const escapeAttribute = (text) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function shopPage() {
  // A real site takes these from its own signed-in customer.
  const identity = signIdentity('+27821112233', 'Thandi Nkosi');
  const src = `${parley}/chat/${encodeURIComponent(channelId)}`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Example shop</title>
    <script src="/embed.js" defer></script>
  </head>
  <body>
    <h1>Example shop</h1>
    <p>Signed in as Thandi Nkosi.</p>
    <iframe
      title="Chat with us"
      src="${escapeAttribute(src)}"
      data-parley-identity="${escapeAttribute(JSON.stringify(identity))}"
      style="width: 100%; max-width: 400px; height: 640px; border: 1px solid #ccc"
    ></iframe>
  </body>
</html>
`;
}

createServer((request, response) => {
  if (request.url === '/embed.js') {
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    return response.end(embedScript);
  }
  // The page's own policy: scripts only from itself, frames only from the chat.
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; frame-src ${new URL(parley).origin}`,
  });
  response.end(shopPage());
}).listen(port, () => console.log(`Example shop on http://localhost:${port}`));
