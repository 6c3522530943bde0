// Sends signed `/evenement` slash commands to an app, four at a time (bench/ack.ts's load).
// Says `ready` once loaded and starts on the line it is then sent, so that the measured app's
// CPU is counted while it answers, not while this process starts.
//   tsx bench/ack-load.ts <url> <signing secret> <count>
import { once } from 'node:events';
import { formBody, postSigned } from '../test/support/slack-requests.ts';
import { TEAM } from './dataset.ts';

const [url = '', secret = '', count = '0'] = process.argv.slice(2);
let next = 0;
async function worker(): Promise<void> {
  while (next < Number(count)) {
    const i = next++;
    const body = formBody({
      team_id: TEAM,
      team_domain: 'national',
      channel_id: 'C0GENERAL',
      user_id: `U${String(i % 50).padStart(8, '0')}`,
      command: '/evenement',
      text: `Atelier ${i}`,
      api_app_id: 'A0APP',
      response_url: 'http://127.0.0.1:9/none',
      trigger_id: `trigger.${i}`,
    });
    const res = await postSigned(url, body, 'application/x-www-form-urlencoded', { secret });
    if (res.status !== 200) throw new Error(`status ${res.status}: ${res.body}`);
  }
}
process.stdout.write('ready\n');
await once(process.stdin, 'data');
await Promise.all([worker(), worker(), worker(), worker()]);
process.stdin.destroy();
