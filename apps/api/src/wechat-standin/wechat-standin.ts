import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A stand-in for the parts of WeChat's server API that Jiayi calls, for development and tests:
 * - `GET /sns/jscode2session` (code2Session): a code `dev:<openid>` signs in as that openid;
 *   any other code answers `errcode 40029 invalid code`, as WeChat does;
 * - `POST /cgi-bin/stable_token`: issues an access token valid for 7,200 s (`force_refresh`
 *   issues a new one and invalidates the old, as WeChat does); counted in `tokensIssued`;
 * - `POST /cgi-bin/message/subscribe/send`: answers 40001 for a token it did not issue (or one
 *   invalidated), otherwise records the message, readable at `GET /__standin/messages` (tests),
 *   cleared by `DELETE /__standin/messages`; every attempt is counted in `sendAttempts`;
 * - test controls: `POST /__standin/fail-next` `{ errcode, count }` makes the next `count` sends
 *   answer `errcode` (`"network"` drops the connection instead); `POST /__standin/expire-tokens`
 *   invalidates every token issued so far.
 * - `POST /wxa/business/getuserphonenumber?access_token=…` (phonenumber.getPhoneNumber): a code
 *   `phone:<11 digits>` answers that number; an unknown token answers 40001, any other code 40029.
 */
export interface WechatStandin {
  url: string;
  server: Server;
  /** Messages accepted (errcode 0), in order. */
  messages: unknown[];
  sendAttempts: () => number;
  tokensIssued: () => number;
  /** The next `count` sends answer `errcode` ('network': the connection is dropped). */
  failNext(errcode: number | 'network', count: number): void;
  expireTokens(): void;
  close(): Promise<void>;
}

function json(res: import('node:http').ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWechatStandin(port = 0, host = '127.0.0.1'): Promise<WechatStandin> {
  const messages: unknown[] = [];
  const validTokens = new Set<string>();
  const failures: (number | 'network')[] = [];
  let sendAttempts = 0;
  let tokensIssued = 0;
  let currentToken: string | null = null;
  const failNext = (errcode: number | 'network', count: number) => {
    for (let i = 0; i < count; i++) failures.push(errcode);
  };
  const expireTokens = () => {
    validTokens.clear();
    currentToken = null;
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://standin');
    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
      const code = url.searchParams.get('js_code') ?? '';
      if (!url.searchParams.get('appid') || !url.searchParams.get('secret') || url.searchParams.get('grant_type') !== 'authorization_code') {
        return json(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
      }
      const match = /^dev:([A-Za-z0-9_-]{1,60})$/.exec(code);
      if (!match) return json(res, 200, { errcode: 40029, errmsg: 'invalid code' });
      return json(res, 200, { openid: `o-${match[1]}`, session_key: randomBytes(16).toString('base64') });
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
      let body: { grant_type?: string; appid?: string; secret?: string; force_refresh?: boolean };
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return json(res, 200, { errcode: 47001, errmsg: 'data format error' });
      }
      if (body.grant_type !== 'client_credential' || !body.appid || !body.secret) return json(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
      if (!currentToken || body.force_refresh) {
        if (currentToken) validTokens.delete(currentToken);
        currentToken = `standin-token-${++tokensIssued}-${randomBytes(6).toString('hex')}`;
        validTokens.add(currentToken);
      }
      return json(res, 200, { access_token: currentToken, expires_in: 7200 });
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      const body = await readBody(req);
      sendAttempts++;
      const failure = failures.shift();
      if (failure === 'network') return req.socket.destroy();
      if (failure !== undefined) return json(res, 200, { errcode: failure, errmsg: 'failure on demand' });
      const accessToken = url.searchParams.get('access_token') ?? '';
      if (!validTokens.has(accessToken)) return json(res, 200, { errcode: 40001, errmsg: 'invalid credential' });
      try {
        const message = JSON.parse(body);
        if (!message.touser || !message.template_id || typeof message.data !== 'object') return json(res, 200, { errcode: 47003, errmsg: 'argument invalid' });
        messages.push({ accessToken, ...message });
        return json(res, 200, { errcode: 0, errmsg: 'ok', msgid: messages.length });
      } catch {
        return json(res, 200, { errcode: 47001, errmsg: 'data format error' });
      }
    }
    if (req.method === 'POST' && url.pathname === '/wxa/business/getuserphonenumber') {
      if (!validTokens.has(url.searchParams.get('access_token') ?? ''))
        return json(res, 200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      let code: string;
      try {
        code = String((JSON.parse(await readBody(req)) as { code?: unknown }).code ?? '');
      } catch {
        return json(res, 200, { errcode: 47001, errmsg: 'data format error' });
      }
      const match = /^phone:(1\d{10})$/.exec(code);
      if (!match) return json(res, 200, { errcode: 40029, errmsg: 'invalid code' });
      return json(res, 200, {
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: match[1],
          purePhoneNumber: match[1],
          countryCode: '86',
          watermark: { timestamp: Math.floor(Date.now() / 1000), appid: 'standin' },
        },
      });
    }
    if (url.pathname === '/__standin/messages') {
      if (req.method === 'DELETE') messages.length = 0;
      return json(res, 200, messages);
    }
    if (req.method === 'POST' && url.pathname === '/__standin/fail-next') {
      const { errcode, count } = JSON.parse((await readBody(req)) || '{}') as { errcode?: number | 'network'; count?: number };
      failNext(errcode ?? -1, count ?? 1);
      return json(res, 200, { pending: failures.length });
    }
    if (req.method === 'POST' && url.pathname === '/__standin/expire-tokens') {
      expireTokens();
      return json(res, 200, { ok: true });
    }
    json(res, 404, { errcode: -1, errmsg: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    server,
    messages,
    sendAttempts: () => sendAttempts,
    tokensIssued: () => tokensIssued,
    failNext,
    expireTokens,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
