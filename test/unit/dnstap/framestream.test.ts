import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  encodeControl, encodeData, encodeStream, FrameDecoder, FrameStreamError, FrameStreamReader, isFrameStream, MAX_CONTROL_FRAME,
  type Frame,
} from '../../../src/dnstap/framestream.js';
import { DNSTAP_CONTENT_TYPE } from '../../../src/dnstap/schema.js';
import { testDataPath } from '../../helpers/test-data.js';

function framesOf(octets: Buffer, chunk = octets.length, maxFrameSize?: number): Frame[] {
  const decoder = new FrameDecoder({ maxFrameSize });
  const out: Frame[] = [];
  for (let o = 0; o < octets.length; o += chunk) decoder.push(octets.subarray(o, o + chunk), (f) => out.push(f));
  return out;
}

function errorOf(fn: () => void): FrameStreamError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FrameStreamError);
    return err as FrameStreamError;
  }
  throw new Error('no error');
}

describe('Frame Streams framing', () => {
  it('encodes control frames as the protocol lays them out: escape, length, type, fields', () => {
    expect(encodeControl('START', [DNSTAP_CONTENT_TYPE]).toString('hex')).toBe(
      '00000000' + '00000022' + '00000002' + '00000001' + '00000016' + Buffer.from(DNSTAP_CONTENT_TYPE).toString('hex'));
    expect(encodeControl('STOP').toString('hex')).toBe('000000000000000400000003');
    expect(encodeData(Buffer.from('abc')).toString('hex')).toBe('00000003616263');
  });

  it('reads the same frames whatever the chunking, down to one octet at a time', () => {
    const stream = Buffer.concat([encodeControl('READY', ['a', 'b']), encodeData(Buffer.from('one')), encodeData(Buffer.alloc(300, 7)), encodeControl('STOP')]);
    const whole = framesOf(stream);
    expect(whole.map((f) => (f.kind === 'data' ? `data ${f.payload.length} @${f.offset}` : `${f.type} ${f.contentTypes.join('|')} @${f.offset}`))).toEqual([
      'READY a|b @0', 'data 3 @30', 'data 300 @37', 'STOP  @341',
    ]);
    for (const chunk of [1, 2, 3, 7, 64]) expect(framesOf(stream, chunk)).toEqual(whole);
  });

  it('recognises a dnstap file by its first octets, and not a DNS message or text', () => {
    expect(isFrameStream(readFileSync(testDataPath('dnstap', 'bind.dnstap')))).toBe(true);
    expect(isFrameStream(readFileSync(testDataPath('..', '..', 'fixtures', 'bin', 'canonical.response.bin')))).toBe(false);
    expect(isFrameStream(Buffer.from('# a zone file\n'))).toBe(false);
    expect(isFrameStream(encodeControl('READY', [DNSTAP_CONTENT_TYPE]))).toBe(false);
  });

  it('refuses a data frame longer than the bound before buffering it', () => {
    const decoder = new FrameDecoder({ maxFrameSize: 1000 });
    const err = errorOf(() => decoder.push(Buffer.from([0x7f, 0xff, 0xff, 0xff]), () => undefined));
    expect(err.code).toBe('ERR_FSTRM_FRAME_TOO_LARGE');
    expect(err.offset).toBe(0);
    expect(decoder.pendingOctets).toBe(0);
  });

  it('refuses control frames longer than fstrm allows, cut short inside, or of unknown type', () => {
    const big = Buffer.alloc(8);
    big.writeUInt32BE(MAX_CONTROL_FRAME + 1, 4);
    expect(errorOf(() => framesOf(big)).code).toBe('ERR_FSTRM_CONTROL');
    const start = encodeControl('START', [DNSTAP_CONTENT_TYPE]);
    start.writeUInt32BE(0xffff, 16); // the content type field claims 65,535 octets
    expect(errorOf(() => framesOf(start)).message).toMatch(/runs past its frame/);
    const unknown = encodeControl('STOP');
    unknown.writeUInt32BE(9, 8);
    expect(errorOf(() => framesOf(unknown)).message).toMatch(/unknown control frame type 0x9/);
    expect(errorOf(() => framesOf(Buffer.from('000000000000000000000000', 'hex'))).message).toMatch(/has no type/);
  });

  it('keeps at most one frame of octets while waiting', () => {
    const decoder = new FrameDecoder();
    const frame = encodeData(Buffer.alloc(5000, 1));
    decoder.push(Buffer.concat([encodeData(Buffer.from('x')), frame.subarray(0, 100)]), () => undefined);
    expect(decoder.pendingOctets).toBe(100);
    expect(decoder.position).toBe(5 + 100);
  });
});

describe('the reader\'s side of the protocol', () => {
  const run = (frames: Buffer, write?: (b: Buffer) => void) => {
    const data: string[] = [];
    const reader = new FrameStreamReader(DNSTAP_CONTENT_TYPE, (f) => data.push(f.payload.toString()), write);
    new FrameDecoder().push(frames, (f) => reader.handle(f));
    return { reader, data };
  };

  it('bidirectional: READY → ACCEPT with the content type, START, data, STOP → FINISH', () => {
    const written: Buffer[] = [];
    const { reader, data } = run(Buffer.concat([
      encodeControl('READY', ['protobuf:other', DNSTAP_CONTENT_TYPE]), encodeControl('START', [DNSTAP_CONTENT_TYPE]),
      encodeData(Buffer.from('a')), encodeData(Buffer.from('b')), encodeControl('STOP'),
    ]), (b) => written.push(b));
    expect(data).toEqual(['a', 'b']);
    expect(written).toEqual([encodeControl('ACCEPT', [DNSTAP_CONTENT_TYPE]), encodeControl('FINISH')]);
    expect([reader.state, reader.bidirectional, reader.frames, reader.streams]).toEqual(['stopped', true, 2, 1]);
  });

  it('unidirectional: START straight away, no reply', () => {
    const written: Buffer[] = [];
    const { reader, data } = run(encodeStream(DNSTAP_CONTENT_TYPE, [Buffer.from('x')]), (b) => written.push(b));
    expect([data, written, reader.bidirectional]).toEqual([['x'], [], false]);
  });

  it('a file may hold several streams one after another (cat a.dnstap b.dnstap)', () => {
    const { reader, data } = run(Buffer.concat([encodeStream(DNSTAP_CONTENT_TYPE, [Buffer.from('1')]), encodeStream(DNSTAP_CONTENT_TYPE, [Buffer.from('2')])]));
    expect([data, reader.streams]).toEqual([['1', '2'], 2]);
  });

  it('refuses the wrong content type, data before START, and frames out of place, each with its code', () => {
    const cases: Array<[Buffer, string, RegExp]> = [
      [encodeControl('READY', ['protobuf:other']), 'ERR_FSTRM_CONTENT_TYPE', /offers "protobuf:other", not "protobuf:dnstap.Dnstap"/],
      [encodeControl('READY'), 'ERR_FSTRM_CONTENT_TYPE', /offers no content type/],
      [encodeStream('protobuf:other', []), 'ERR_FSTRM_CONTENT_TYPE', /carries "protobuf:other"/],
      [encodeData(Buffer.from('x')), 'ERR_FSTRM_SEQUENCE', /data frame before START/],
      [encodeControl('STOP'), 'ERR_FSTRM_SEQUENCE', /STOP before START/],
      [Buffer.concat([encodeControl('START'), encodeControl('START')]), 'ERR_FSTRM_SEQUENCE', /START inside a stream/],
      [encodeControl('ACCEPT', [DNSTAP_CONTENT_TYPE]), 'ERR_FSTRM_SEQUENCE', /ACCEPT sent to a reader/],
      [encodeControl('FINISH'), 'ERR_FSTRM_SEQUENCE', /FINISH sent to a reader/],
    ];
    for (const [frames, code, message] of cases) {
      const err = errorOf(() => run(frames, () => undefined));
      expect([err.code, err.message], message.source).toEqual([code, expect.stringMatching(message)]);
    }
    // In a file (no way to answer) a handshake is out of place.
    expect(errorOf(() => run(encodeControl('READY', [DNSTAP_CONTENT_TYPE]))).message).toMatch(/READY in a file/);
  });
});
