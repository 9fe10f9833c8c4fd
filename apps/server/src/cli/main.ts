import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { DataDirLockedError, openDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { AppError } from '../errors.ts';
import {
  createStaff,
  deactivateStaff,
  reactivateStaff,
  setPassword,
} from '../features/auth/index.ts';
import { systemPrincipal } from '../principal.ts';
import { createLocalPresence } from '../realtime/presence.ts';
import { createRedisBus } from '../realtime/redis-bus.ts';

const USAGE = `Parley operator commands

  npm run parley -- staff create --email EMAIL --name NAME --role admin|supervisor|agent
                                 [--department NAME ...] [--capacity N] [--password-stdin]
  npm run parley -- staff set-password --email EMAIL [--password-stdin]
  npm run parley -- staff deactivate --email EMAIL
  npm run parley -- staff reactivate --email EMAIL

Without --password-stdin, "create" prints a generated password and "set-password" asks for one.
A new password and a deactivation end the person's sessions; with REDIS_URL their open
connections close at once, otherwise the servers notice within a few seconds. A deactivated
agent's open chats go back to the queue. Every command is recorded in the Admin area's audit
log as done by the operator command line.
The embedded database allows one process at a time: stop the server first, or use DATABASE_URL.`;

const COMMANDS = ['create', 'set-password', 'deactivate', 'reactivate'];

/** Where a piped password comes from: standard input, or what a test hands in. */
type Input = AsyncIterable<Buffer | string> | Iterable<Buffer | string>;

async function readPassword(fromStdin: boolean, prompt: string, input: Input): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const answer = await rl.question(prompt);
  rl.close();
  return answer;
}

export async function run(argv: string[], input: Input = process.stdin): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      department: { type: 'string', multiple: true },
      capacity: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [area, command] = positionals;
  if (values.help || area !== 'staff' || !COMMANDS.includes(command ?? '')) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (!values.email) {
    console.error('--email is required.');
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const bus = config.redisUrl ? await createRedisBus(config.redisUrl) : undefined;
  try {
    await migrateDatabase(database);
    const deps = {
      db: database.db,
      notifier: { wake: () => undefined },
      presence: createLocalPresence(),
      bus,
    };
    const operator = systemPrincipal('operator command line');
    if (command === 'create') {
      const generated = !values['password-stdin'];
      const password = generated
        ? randomBytes(12).toString('base64url')
        : await readPassword(true, '', input);
      const me = await createStaff(deps, operator, {
        email: values.email,
        name: values.name ?? '',
        role: (values.role ?? '') as 'agent',
        departments: values.department ?? [],
        password,
        capacity: values.capacity ? Number(values.capacity) : undefined,
      });
      console.log(`Created ${me.role} ${me.name} <${me.email}> (id ${me.id}).`);
      if (generated) console.log(`Initial password (shown once): ${password}`);
    } else if (command === 'deactivate') {
      const me = await deactivateStaff(deps, operator, { email: values.email });
      console.log(
        `Deactivated ${me.name} <${me.email}>; their sessions have ended and their open chats are back in the queue.`,
      );
    } else if (command === 'reactivate') {
      const me = await reactivateStaff(deps, operator, { email: values.email });
      console.log(`Reactivated ${me.name} <${me.email}>; they can sign in again.`);
    } else {
      const password = await readPassword(values['password-stdin'], 'New password: ', input);
      await setPassword(deps, operator, { email: values.email, password });
      console.log(`Password changed for ${values.email}; their sessions have ended.`);
    }
    return 0;
  } finally {
    await bus?.close();
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((err: unknown) => {
      if (err instanceof AppError) {
        console.error(err.message);
        for (const e of err.errors ?? []) console.error(`  ${e.field}: ${e.message}`);
      } else if (err instanceof ConfigError || err instanceof DataDirLockedError) {
        console.error(err.message);
      } else console.error(err);
      process.exit(1);
    });
}
