// A local stand-in for Slack's Web API, in a process of its own so that the CPU it spends
// answering is not counted as the measured app's (bench/ack.ts). Prints its port, then serves
// until its parent ends it: `views.open` answers with a view id, every other method with `ok`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.url?.includes('views.open') ? { ok: true, view: { id: 'V0' } } : { ok: true }));
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
