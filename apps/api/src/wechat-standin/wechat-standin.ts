import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A stand-in for the parts of WeChat's server API that Jiayi calls, for development and tests:
 * - `GET /sns/jscode2session` (code2Session): a code `dev:<openid>` signs in as that openid;
 *   any other code answers `errcode 40029 invalid code`, as WeChat does;
 * - `POST /cgi-bin/message/subscribe/send`: records subscribe messages, readable at
 *   `GET /__standin/messages` (tests), cleared by `DELETE /__standin/messages`;
 * - `POST /cgi-bin/stable_token`: an access token for the app id and secret;
 * - `POST /wxa/business/getuserphonenumber?access_token=…` (phonenumber.getPhoneNumber): a code
 *   `phone:<11 digits>` answers that number; an unknown token answers 40001, any other code 40029.
 */
export interface WechatStandin {
  url: string;
  server: Server;
  messages: unknown[];
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
  const accessTokens = new Set<string>();
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
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      const body = await readBody(req);
      try {
        messages.push({ accessToken: url.searchParams.get('access_token'), ...JSON.parse(body) });
        return json(res, 200, { errcode: 0, errmsg: 'ok', msgid: messages.length });
      } catch {
        return json(res, 200, { errcode: 47001, errmsg: 'data format error' });
      }
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
      const body = JSON.parse((await readBody(req)) || '{}') as { grant_type?: string; appid?: string; secret?: string };
      if (body.grant_type !== 'client_credential' || !body.appid || !body.secret) return json(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
      const token = `standin-${randomBytes(12).toString('hex')}`;
      accessTokens.add(token);
      return json(res, 200, { access_token: token, expires_in: 7200 });
    }
    if (req.method === 'POST' && url.pathname === '/wxa/business/getuserphonenumber') {
      if (!accessTokens.has(url.searchParams.get('access_token') ?? '')) return json(res, 200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      let code = '';
      try {
        code = String((JSON.parse(await readBody(req)) as { code?: unknown }).code ?? '');
      } catch {
        return json(res, 200, { errcode: 47001, errmsg: 'data format error' });
      }
      const match = /^phone:(1\d{10})$/.exec(code);
      if (!match) return json(res, 200, { errcode: 40029, errmsg: 'invalid code' });
      return json(res, 200, {
        errcode: 0, errmsg: 'ok',
        phone_info: { phoneNumber: match[1], purePhoneNumber: match[1], countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid: 'standin' } },
      });
    }
    if (url.pathname === '/__standin/messages') {
      if (req.method === 'DELETE') messages.length = 0;
      return json(res, 200, messages);
    }
    json(res, 404, { errcode: -1, errmsg: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    server,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
