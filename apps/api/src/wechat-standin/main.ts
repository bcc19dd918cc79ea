import { startWechatStandin } from './wechat-standin';

/** `node dist/apps/api/src/wechat-standin/main.js` — the WeChat stand-in alone, on WECHAT_STANDIN_PORT (3100). */
startWechatStandin(Number(process.env.WECHAT_STANDIN_PORT ?? 3100)).then((standin) => {
  console.log(`WeChat stand-in listening at ${standin.url}`);
});
