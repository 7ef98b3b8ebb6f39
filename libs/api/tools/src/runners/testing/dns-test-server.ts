import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, isIP, type Server, type Socket } from 'node:net';

/**
 * A real DNS server on 127.0.0.1 (UDP and TCP on one port) for specs: it answers like a recursive
 * resolver from a fixed set of records, so the runners are tested through Node's own resolver. Encoded
 * by hand (no name compression, which answers need not use) to keep a dev dependency out.
 */

export interface TestMx {
  priority: number;
  exchange: string;
}

export interface TestSoa {
  nsname: string;
  hostmaster: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minttl: number;
}

export interface TestCaa {
  flags?: number;
  tag: string;
  value: string;
}

/** The records of one name. A name with a CNAME should hold nothing else (as in real DNS). */
export interface TestRecords {
  A?: string[];
  AAAA?: string[];
  CNAME?: string;
  MX?: TestMx[];
  NS?: string[];
  /** Each record is one string (sent in 255-byte pieces) or its pieces. */
  TXT?: (string | string[])[];
  SOA?: TestSoa;
  CAA?: TestCaa[];
  /** TTL of every record of the name (default 300). */
  ttl?: number;
  /** Every question about the name gets this error instead, to test failures. */
  rcode?: 'SERVFAIL' | 'REFUSED';
  /** Questions about the name get no answer at all, to test timeouts and cancelling. */
  silent?: boolean;
}

/** Names (`*.wild.test` for a wildcard) and their records; any other name is NXDOMAIN. */
export type DnsTestZone = Record<string, TestRecords>;

export interface DnsTestQuestion {
  name: string;
  /** Type name (A, MX…) or the number of a type the server does not know. */
  type: string;
  transport: 'udp' | 'tcp';
}

export interface DnsTestServer {
  address: string;
  port: number;
  /** How many questions arrived so far (both transports). */
  readonly queries: number;
  readonly questions: readonly DnsTestQuestion[];
  close(): Promise<void>;
}

const TYPES = { A: 1, NS: 2, CNAME: 5, SOA: 6, MX: 15, TXT: 16, AAAA: 28, OPT: 41, CAA: 257 } as const;
const TYPE_NAMES = new Map<number, string>(Object.entries(TYPES).map(([name, code]) => [code, name]));
const RCODES = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
/** Plain DNS over UDP without EDNS: longer answers are truncated and the client retries over TCP. */
const CLASSIC_UDP_SIZE = 512;

const normalize = (name: string) => name.trim().toLowerCase().replace(/\.$/, '');

const u16 = (value: number) => {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
};

const u32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value >>> 0);
  return buffer;
};

function encodeName(name: string): Buffer {
  const labels = normalize(name).split('.').filter(Boolean);
  return Buffer.concat([
    ...labels.map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'latin1')])),
    Buffer.from([0]),
  ]);
}

function ipv4Bytes(text: string): Buffer {
  return Buffer.from(text.split('.').map(Number));
}

function ipv6Bytes(text: string): Buffer {
  let value = text.toLowerCase();
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes the last two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (v4?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = ipv4Bytes(v4[1]);
    value = value.slice(0, -v4[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [left = '', right] = value.split('::');
  const head = left ? left.split(':') : [];
  const tail = right ? right.split(':') : [];
  const groups = [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  return Buffer.concat(groups.map((group) => u16(parseInt(group, 16))));
}

/** A string record goes out in 255-byte pieces (the most one piece holds); given pieces go as they are. */
function txtPieces(record: string | string[]): Buffer[] {
  if (typeof record !== 'string') return record.map((piece) => Buffer.from(piece, 'utf8'));
  const whole = Buffer.from(record, 'utf8');
  return Array.from({ length: Math.max(1, Math.ceil(whole.length / 255)) }, (_, i) =>
    whole.subarray(i * 255, (i + 1) * 255),
  );
}

function txtRdata(record: string | string[]): Buffer {
  return Buffer.concat(txtPieces(record).flatMap((piece) => [Buffer.from([piece.length]), piece]));
}

/** The rdata of each record of one type at a node (empty: the name exists without that type). */
function rdataOf(node: TestRecords, type: number): Buffer[] {
  switch (type) {
    case TYPES.A:
      return (node.A ?? []).map(ipv4Bytes);
    case TYPES.AAAA:
      return (node.AAAA ?? []).map(ipv6Bytes);
    case TYPES.CNAME:
      return node.CNAME ? [encodeName(node.CNAME)] : [];
    case TYPES.NS:
      return (node.NS ?? []).map(encodeName);
    case TYPES.MX:
      return (node.MX ?? []).map((mx) => Buffer.concat([u16(mx.priority), encodeName(mx.exchange)]));
    case TYPES.TXT:
      return (node.TXT ?? []).map(txtRdata);
    case TYPES.SOA: {
      const soa = node.SOA;
      if (!soa) return [];
      const numbers = [soa.serial, soa.refresh, soa.retry, soa.expire, soa.minttl].map(u32);
      return [Buffer.concat([encodeName(soa.nsname), encodeName(soa.hostmaster), ...numbers])];
    }
    case TYPES.CAA:
      return (node.CAA ?? []).map((caa) =>
        Buffer.concat([Buffer.from([caa.flags ?? 0, caa.tag.length]), Buffer.from(caa.tag + caa.value)]),
      );
    default:
      return [];
  }
}

function resourceRecord(owner: string, type: number, ttl: number, rdata: Buffer): Buffer {
  return Buffer.concat([encodeName(owner), u16(type), u16(1), u32(ttl), u16(rdata.length), rdata]);
}

/** Checks a zone once so a typo in a spec fails loudly instead of answering garbage. */
function loadZone(zone: DnsTestZone): Map<string, TestRecords> {
  const loaded = new Map<string, TestRecords>();
  for (const [name, records] of Object.entries(zone)) {
    for (const ip of records.A ?? []) if (isIP(ip) !== 4) throw new Error(`${name}: ${ip} is not IPv4`);
    for (const ip of records.AAAA ?? []) if (isIP(ip) !== 6) throw new Error(`${name}: ${ip} is not IPv6`);
    for (const txt of records.TXT ?? [])
      if (txtPieces(txt).some((piece) => piece.length > 255))
        throw new Error(`${name}: a TXT piece over 255 bytes`);
    loaded.set(normalize(name), records);
  }
  return loaded;
}

/** An explicit name, else an empty non-terminal (a name below it exists), else the closest wildcard. */
function findNode(zone: Map<string, TestRecords>, name: string): TestRecords | 'empty' | undefined {
  const exact = zone.get(name);
  if (exact) return exact;
  for (const key of zone.keys()) if (key.endsWith(`.${name}`)) return 'empty';
  const labels = name.split('.');
  for (let i = 1; i < labels.length; i++) {
    const wildcard = zone.get(`*.${labels.slice(i).join('.')}`);
    if (wildcard) return wildcard;
  }
  return undefined;
}

/** Follows CNAMEs inside the zone as a recursive resolver would, keeping the chain in the answer. */
function answer(
  zone: Map<string, TestRecords>,
  qname: string,
  qtype: number,
): { rcode: number; answers: Buffer[] } | null {
  const answers: Buffer[] = [];
  let name = qname;
  for (let hop = 0; hop < 8; hop++) {
    const node = findNode(zone, name);
    if (node === undefined) return { rcode: RCODES.NXDOMAIN, answers };
    if (node === 'empty') return { rcode: RCODES.NOERROR, answers };
    if (node.silent) return null;
    if (node.rcode) return { rcode: RCODES[node.rcode], answers: [] };
    const ttl = node.ttl ?? 300;
    if (node.CNAME && qtype !== TYPES.CNAME) {
      answers.push(resourceRecord(name, TYPES.CNAME, ttl, encodeName(node.CNAME)));
      name = normalize(node.CNAME);
      continue;
    }
    answers.push(...rdataOf(node, qtype).map((rdata) => resourceRecord(name, qtype, ttl, rdata)));
    return { rcode: RCODES.NOERROR, answers };
  }
  return { rcode: RCODES.SERVFAIL, answers: [] }; // a CNAME loop
}

interface Query {
  id: number;
  flags: number;
  name: string;
  type: number;
  /** The question as sent, echoed back byte for byte. */
  question: Buffer;
  udpSize: number;
}

function parseQuery(packet: Buffer): Query | null {
  try {
    if (packet.readUInt16BE(4) !== 1) return null;
    const labels: string[] = [];
    let offset = 12;
    for (let length = packet.readUInt8(offset); length !== 0; length = packet.readUInt8(offset)) {
      if (length > 63) return null; // compression pointers never appear in a question
      labels.push(packet.toString('latin1', offset + 1, offset + 1 + length));
      offset += 1 + length;
    }
    const type = packet.readUInt16BE(offset + 1);
    const end = offset + 5;
    packet.readUInt16BE(end - 2); // throws when the question is cut short
    let udpSize = CLASSIC_UDP_SIZE;
    // EDNS: an OPT record (root name, type 41) whose class is the UDP size the client accepts.
    if (packet.readUInt16BE(10) > 0 && packet.length >= end + 5 && packet[end] === 0) {
      if (packet.readUInt16BE(end + 1) === TYPES.OPT)
        udpSize = Math.max(CLASSIC_UDP_SIZE, packet.readUInt16BE(end + 3));
    }
    const name = normalize(labels.join('.'));
    return {
      id: packet.readUInt16BE(0),
      flags: packet.readUInt16BE(2),
      name,
      type,
      question: packet.subarray(12, end),
      udpSize,
    };
  } catch {
    return null; // too short: not worth an answer
  }
}

function header(query: Query, rcode: number, count: number, truncated: boolean): Buffer {
  const opcodeAndRd = query.flags & 0x7900;
  // QR (answer), AA, RA, plus TC when the answer did not fit.
  const flags = 0x8000 | opcodeAndRd | 0x0400 | 0x0080 | (truncated ? 0x0200 : 0) | rcode;
  return Buffer.concat([u16(query.id), u16(flags), u16(1), u16(count), u16(0), u16(0)]);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** UDP on a free port, then TCP on the same number; retried if that TCP port happens to be taken. */
async function bindBoth(): Promise<{ udp: UdpSocket; tcp: Server }> {
  for (let attempt = 0; ; attempt++) {
    const udp = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, '127.0.0.1', () => resolve());
    });
    const tcp = createServer();
    try {
      await listen(tcp, udp.address().port);
      return { udp, tcp };
    } catch (error) {
      udp.close();
      if (attempt >= 10) throw error;
    }
  }
}

/** Starts the server; `close()` it when done (it keeps the process alive). */
export async function startDnsTestServer(zone: DnsTestZone): Promise<DnsTestServer> {
  const records = loadZone(zone);
  const questions: DnsTestQuestion[] = [];
  const reply = (packet: Buffer, transport: 'udp' | 'tcp'): Buffer | null => {
    const query = parseQuery(packet);
    if (!query) return null;
    questions.push({ name: query.name, type: TYPE_NAMES.get(query.type) ?? String(query.type), transport });
    const opcode = (query.flags >> 11) & 0xf;
    const result =
      opcode === 0 ? answer(records, query.name, query.type) : { rcode: RCODES.NOTIMP, answers: [] };
    if (!result) return null;
    const { rcode, answers } = result;
    const full = Buffer.concat([header(query, rcode, answers.length, false), query.question, ...answers]);
    if (transport === 'tcp' || full.length <= query.udpSize) return full;
    return Buffer.concat([header(query, rcode, 0, true), query.question]);
  };

  const { udp, tcp } = await bindBoth();
  udp.on('message', (packet, peer) => {
    const response = reply(packet, 'udp');
    if (response) udp.send(response, peer.port, peer.address, () => undefined);
  });
  udp.on('error', () => undefined);

  const sockets = new Set<Socket>();
  tcp.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    // Over TCP each message is preceded by its length (two bytes).
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const message = pending.subarray(2, 2 + pending.readUInt16BE(0));
        pending = pending.subarray(2 + message.length);
        const response = reply(message, 'tcp');
        if (response) socket.write(Buffer.concat([u16(response.length), response]));
      }
    });
  });

  return {
    address: '127.0.0.1',
    port: udp.address().port,
    get queries() {
      return questions.length;
    },
    questions,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => tcp.close(() => resolve())),
        new Promise<void>((resolve) => udp.close(() => resolve())),
      ]);
    },
  };
}
