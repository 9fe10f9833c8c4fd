/**
 * Inbound message path: signed webhook → committed → frame on an agent's socket.
 *
 *   npm run bench -- [--engine pglite|postgres] [--seconds 10] [--concurrency 32] [--rate 500]
 *
 * For each side (baseline, then Parley) in its own process: a closed-loop run with `concurrency`
 * senders for `seconds` (sustained messages per second, acknowledgement latency), then an
 * open-loop run at `rate` messages per second (acknowledgement and delivery latency). Prints a
 * table and the Parley/baseline ratios.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Agent, request } from 'node:http';
import WebSocket from 'ws';
import { rooms } from '../apps/server/src/realtime/rooms.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '32' },
    rate: { type: 'string', default: '500' },
  },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const RATE = Number(values.rate);

type Ready = {
  port: number;
  cookie: string;
  chatIds: string[];
  channelId: string;
  secret: string;
  customers: number;
};

function startSide(mode: 'baseline' | 'parley'): Promise<{ child: ChildProcess; ready: Ready }> {
  // BENCH_PROFILE=1 writes CPU profiles of each side to .tmp/prof.
  const prof = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=.tmp/prof'] : [];
  const child = spawn(
    process.execPath,
    [
      ...prof,
      '--import',
      'tsx',
      'bench/inbound-server.ts',
      '--mode',
      mode,
      '--engine',
      values.engine!,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      // Measured as deployed: production skips the development-only checks.
      env: { ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'production' },
    },
  );
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('{"ready"')) resolve({ child, ready: JSON.parse(line) as Ready });
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const phoneOf = (i: number) => `+2782${String(1_000_000 + i).padStart(7, '0')}`;

async function measure(mode: 'baseline' | 'parley') {
  const { child, ready } = await startSide(mode);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY + 8 });
  const pending = new Map<string, number>();
  const delivered: number[] = [];
  let recordDelivery = false;

  const ws = new WebSocket(`ws://127.0.0.1:${ready.port}/api/realtime`, {
    headers: { cookie: ready.cookie, origin: `http://127.0.0.1:${ready.port}` },
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.on('message', (raw) => {
    const frame = JSON.parse(String(raw)) as { type: string; data: { text?: string } };
    if (frame.type !== 'message.created' || !frame.data.text) return;
    const sent = pending.get(frame.data.text);
    if (sent === undefined) return;
    pending.delete(frame.data.text);
    if (recordDelivery) delivered.push(performance.now() - sent);
  });
  for (const id of ready.chatIds)
    ws.send(JSON.stringify({ type: 'subscribe', room: rooms.chat(id) }));
  await new Promise((r) => setTimeout(r, 300));

  let counter = 0;
  const send = (): Promise<number> => {
    const i = counter++;
    const text = `bench ${mode} ${i} ${randomUUID().slice(0, 8)}`;
    const body = JSON.stringify({
      messageId: `b-${mode}-${i}-${randomUUID()}`,
      from: phoneOf(i % ready.customers),
      text,
    });
    const ts = Math.floor(Date.now() / 1000);
    const sig = createHmac('sha256', ready.secret).update(`${ts}.${body}`).digest('hex');
    const started = performance.now();
    pending.set(text, started);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent,
          host: '127.0.0.1',
          port: ready.port,
          method: 'POST',
          path: `/api/inbound/${ready.channelId}`,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-parley-timestamp': String(ts),
            'x-parley-signature': `sha256=${sig}`,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(performance.now() - started)
              : reject(new Error(`HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };

  // Warm up, then a closed loop: as fast as `concurrency` senders can go.
  await Promise.all(Array.from({ length: 200 }, send));
  const acks: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) acks.push(await send());
    }),
  );
  const throughput = acks.length / ((performance.now() - t0) / 1000);

  // Open loop at a fixed rate: latency when the desk is not saturated.
  await new Promise((r) => setTimeout(r, 500));
  pending.clear();
  recordDelivery = true;
  const fixedAcks: number[] = [];
  const total = Math.round(RATE * Math.min(SECONDS, 10));
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(send().then((ms) => void fixedAcks.push(ms)));
  }
  await Promise.all(inflight);
  const deadline = performance.now() + 5000;
  while (pending.size > 0 && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  const lost = pending.size;

  ws.close();
  agent.destroy();
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
  const sort = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const a = sort(acks);
  const f = sort(fixedAcks);
  const d = sort(delivered);
  return {
    throughput,
    ackP50: percentile(a, 50),
    ackP99: percentile(a, 99),
    rateAckP50: percentile(f, 50),
    rateAckP99: percentile(f, 99),
    deliveryP50: percentile(d, 50),
    deliveryP99: percentile(d, 99),
    delivered: d.length,
    lost,
  };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

async function main() {
  console.log(
    `inbound bench: engine=${values.engine} seconds=${SECONDS} concurrency=${CONCURRENCY} rate=${RATE}/s`,
  );
  const base = await measure('baseline');
  const parley = await measure('parley');
  const rows = [
    ['', 'baseline', 'parley', 'ratio'],
    [
      'sustained msg/s',
      fmt(base.throughput, 0),
      fmt(parley.throughput, 0),
      fmt(parley.throughput / base.throughput, 2),
    ],
    ['ack p50 ms (closed loop)', fmt(base.ackP50), fmt(parley.ackP50), ''],
    ['ack p99 ms (closed loop)', fmt(base.ackP99), fmt(parley.ackP99), ''],
    [`ack p50 ms @${RATE}/s`, fmt(base.rateAckP50), fmt(parley.rateAckP50), ''],
    [`ack p99 ms @${RATE}/s`, fmt(base.rateAckP99), fmt(parley.rateAckP99), ''],
    [`delivery p50 ms @${RATE}/s`, fmt(base.deliveryP50), fmt(parley.deliveryP50), ''],
    [`delivery p99 ms @${RATE}/s`, fmt(base.deliveryP99), fmt(parley.deliveryP99), ''],
    [
      'frames delivered / missing',
      `${base.delivered}/${base.lost}`,
      `${parley.delivered}/${parley.lost}`,
      '',
    ],
  ];
  for (const r of rows)
    console.log(`| ${r.map((c, i) => (i === 0 ? c.padEnd(28) : c.padStart(9))).join(' | ')} |`);
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
