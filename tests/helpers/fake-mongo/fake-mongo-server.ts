import net from 'node:net';
import { deserialize, serialize } from 'bson';
import { FakeMongoData, runCommand, type RecordedCommand } from './commands';
import type { Doc } from './query';

const OP_REPLY = 1;
const OP_MSG = 2013;

/** Reads a NUL-terminated C string at `offset`. */
function cstring(buf: Buffer, offset: number): [string, number] {
  const end = buf.indexOf(0, offset);
  return [buf.toString('utf8', offset, end), end + 1];
}

/** OP_MSG: a body section (kind 0) plus document sequences (kind 1, e.g. `documents` of an insert) merged into it. */
function parseOpMsg(body: Buffer): Doc {
  let offset = 4; // flagBits
  let cmd: Doc = {};
  const sequences: Record<string, Doc[]> = {};
  while (offset < body.length) {
    const kind = body[offset++];
    if (kind === 0) {
      const size = body.readInt32LE(offset);
      cmd = deserialize(body.subarray(offset, offset + size), { promoteLongs: true, useBigInt64: false });
      offset += size;
    } else {
      const size = body.readInt32LE(offset);
      const end = offset + size;
      const [id, next] = cstring(body, offset + 4);
      const docs: Doc[] = [];
      for (let p = next; p < end;) {
        const n = body.readInt32LE(p);
        docs.push(deserialize(body.subarray(p, p + n)));
        p += n;
      }
      sequences[id] = docs;
      offset = end;
    }
  }
  return { ...cmd, ...sequences };
}

function frame(requestId: number, responseTo: number, opCode: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + payload.length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(opCode, 12);
  return Buffer.concat([header, payload]);
}

function reply(opCode: number, requestId: number, doc: Doc): Buffer {
  const bson = Buffer.from(serialize(doc));
  if (opCode === OP_MSG)
    return frame(requestId, requestId, OP_MSG, Buffer.concat([Buffer.alloc(4), Buffer.from([0]), bson]));
  const head = Buffer.alloc(20); // responseFlags, cursorID (8), startingFrom, numberReturned
  head.writeInt32LE(1, 16);
  return frame(requestId, requestId, OP_REPLY, Buffer.concat([head, bson]));
}

function handle(data: FakeMongoData, opCode: number, body: Buffer): Doc {
  let cmd: Doc;
  if (opCode === OP_MSG) cmd = parseOpMsg(body);
  else {
    const [ns, next] = cstring(body, 4);
    const size = body.readInt32LE(next + 8);
    cmd = { ...deserialize(body.subarray(next + 8, next + 8 + size)), $db: ns.split('.')[0] };
  }
  try {
    return runCommand(data, cmd);
  } catch (err) {
    return { ok: 0, code: 2, codeName: 'BadValue', errmsg: err instanceof Error ? err.message : String(err) };
  }
}

export interface FakeMongoServer {
  uri: string;
  /** Every command received so far, in arrival order (handshakes included). */
  readonly commands: RecordedCommand[];
  clearCommands(): void;
  /** Sets the server's own clock ($$NOW), which real deployments never share with the bot's machines. */
  setClock(clock: () => Date): void;
  close(): Promise<void>;
}

/**
 * A MongoDB wire-protocol test double on 127.0.0.1 (OP_MSG and the OP_QUERY handshake), so the mongoose adapter
 * runs through the real driver where no MongoDB server exists. Commands run one at a time, which matches MongoDB's
 * single-document atomicity — the only kind the adapter relies on.
 */
export async function startFakeMongo(): Promise<FakeMongoServer> {
  const data = new FakeMongoData();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 16 && pending.length >= pending.readInt32LE(0)) {
        const length = pending.readInt32LE(0);
        const msg = pending.subarray(0, length);
        pending = pending.subarray(length);
        const requestId = msg.readInt32LE(4);
        const opCode = msg.readInt32LE(12);
        const result = handle(data, opCode, msg.subarray(16));
        const out = reply(opCode, requestId, result);
        out.writeInt32LE(requestId, 8);
        socket.write(out);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    uri: `mongodb://127.0.0.1:${port}/zhibu?directConnection=true`,
    commands: data.log,
    clearCommands: () => {
      data.log.length = 0;
    },
    setClock: (clock) => {
      data.clock = clock;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
