import { type PGlite, parse, protocol } from '@electric-sql/pglite';

/**
 * Named prepared statements on the embedded database. PGlite's own `query()` plans every statement
 * anew and crosses into WebAssembly six times for one query (parse, describe, bind, describe,
 * execute, sync); a statement prepared once is then run with one crossing and no planning. The
 * inbound write is about 2.5× faster this way (docs/benchmarks.md).
 *
 * Only for statements inside a transaction the caller holds: the transaction keeps every other
 * query out, and its COMMIT writes the folder to disk.
 */
const prepared = new WeakMap<PGlite, Map<string, { text: string; types: number[] }>>();
/**
 * The client's parsers with the caller's on top, merged once: PGlite would merge them on every
 * call, and the client knows some 300 types.
 */
const mergedParsers = new WeakMap<PGlite, Record<number, (value: string) => unknown>>();

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export async function runPrepared<T>(
  client: PGlite,
  name: string,
  text: string,
  params: unknown[],
  parsers: Record<number, (value: string) => unknown>,
): Promise<T[]> {
  const { serialize } = protocol;
  return client.runExclusive(async () => {
    let statements = prepared.get(client);
    if (!statements) prepared.set(client, (statements = new Map()));
    let statement = statements.get(name);
    if (statement && statement.text !== text)
      throw new Error(`Prepared statement ${name} was prepared with a different text.`);
    if (!statement) {
      const { messages } = await client.execProtocol(
        concat([
          serialize.parse({ name, text }),
          serialize.describe({ type: 'S', name }),
          serialize.sync(),
        ]),
        { syncToFs: false },
      );
      statement = { text, types: parse.parseDescribeStatementResults(messages) };
      statements.set(name, statement);
    }
    const types = statement.types;
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = client.serializers[types[i]!];
      return serializer ? serializer(value) : String(value);
    });
    const { messages } = await client.execProtocol(
      concat([
        serialize.bind({ statement: name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    // One set of parsers per client: the caller passes the same object every time.
    let merged = mergedParsers.get(client);
    if (!merged) mergedParsers.set(client, (merged = { ...client.parsers, ...parsers }));
    const [result] = parse.parseResults(messages, merged);
    return (result?.rows ?? []) as T[];
  });
}
