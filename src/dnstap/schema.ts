// The dnstap message schema (src/dnstap/dnstap.proto, from the published
// dnstap.proto) as a descriptor for @bufbuild/protobuf, written by hand rather
// than by a code generator: one small file, no build step, and messages are
// read through the library's reflection API (`fromBinary` with this
// descriptor). test/unit/dnstap/schema.test.ts checks it field by field
// against dnstap.proto.
//
// Loaded only by `check` on dnstap input, `watch` and `probe --dnstap-socket`
// (dynamically): no other command, and not `dnsorder/zone`, loads the
// protobuf library.

import { create, createFileRegistry, type DescMessage } from '@bufbuild/protobuf';
import {
  FieldDescriptorProto_Label as Label, FieldDescriptorProto_Type as Type, FileDescriptorProtoSchema,
  type DescriptorProtoJson, type FieldDescriptorProto, type EnumDescriptorProto,
} from '@bufbuild/protobuf/wkt';

/** The Frame Streams content type of a dnstap stream. */
export const DNSTAP_CONTENT_TYPE = 'protobuf:dnstap.Dnstap';

type FieldKind = 'bytes' | 'string' | 'uint32' | 'uint64' | 'fixed32' | `enum:${string}` | `message:${string}`;

/** One field as dnstap.proto writes it: name, number, type, and whether it is `required`. */
export interface SchemaField {
  name: string;
  number: number;
  kind: FieldKind;
  required?: boolean;
}

export interface SchemaEnum {
  name: string;
  values: ReadonlyArray<readonly [name: string, number: number]>;
}

export interface SchemaMessage {
  name: string;
  fields: readonly SchemaField[];
  enums?: readonly SchemaEnum[];
}

const MESSAGE_TYPES = [
  'AUTH_QUERY', 'AUTH_RESPONSE', 'RESOLVER_QUERY', 'RESOLVER_RESPONSE', 'CLIENT_QUERY', 'CLIENT_RESPONSE',
  'FORWARDER_QUERY', 'FORWARDER_RESPONSE', 'STUB_QUERY', 'STUB_RESPONSE', 'TOOL_QUERY', 'TOOL_RESPONSE',
  'UPDATE_QUERY', 'UPDATE_RESPONSE',
] as const;

export type DnstapMessageType = (typeof MESSAGE_TYPES)[number];

/** Message.Type by number (1-14). */
export function messageTypeName(n: number): DnstapMessageType | undefined {
  return MESSAGE_TYPES[n - 1];
}

export const SOCKET_PROTOCOLS = ['UDP', 'TCP', 'DOT', 'DOH', 'DNSCryptUDP', 'DNSCryptTCP', 'DOQ'] as const;

/** The schema, message by message, in dnstap.proto's words. */
export const DNSTAP_SCHEMA: { package: string; enums: readonly SchemaEnum[]; messages: readonly SchemaMessage[] } = {
  package: 'dnstap',
  enums: [
    { name: 'SocketFamily', values: [['INET', 1], ['INET6', 2]] },
    { name: 'SocketProtocol', values: SOCKET_PROTOCOLS.map((p, i) => [p, i + 1] as const) },
    { name: 'HttpProtocol', values: [['HTTP1', 1], ['HTTP2', 2], ['HTTP3', 3]] },
  ],
  messages: [
    {
      name: 'Dnstap',
      enums: [{ name: 'Type', values: [['MESSAGE', 1]] }],
      fields: [
        { name: 'identity', number: 1, kind: 'bytes' },
        { name: 'version', number: 2, kind: 'bytes' },
        { name: 'extra', number: 3, kind: 'bytes' },
        { name: 'type', number: 15, kind: 'enum:.dnstap.Dnstap.Type', required: true },
        { name: 'message', number: 14, kind: 'message:.dnstap.Message' },
      ],
    },
    {
      name: 'Policy',
      enums: [
        { name: 'Match', values: [['QNAME', 1], ['CLIENT_IP', 2], ['RESPONSE_IP', 3], ['NS_NAME', 4], ['NS_IP', 5]] },
        { name: 'Action', values: [['NXDOMAIN', 1], ['NODATA', 2], ['PASS', 3], ['DROP', 4], ['TRUNCATE', 5], ['LOCAL_DATA', 6]] },
      ],
      fields: [
        { name: 'type', number: 1, kind: 'string' },
        { name: 'rule', number: 2, kind: 'bytes' },
        { name: 'action', number: 3, kind: 'enum:.dnstap.Policy.Action' },
        { name: 'match', number: 4, kind: 'enum:.dnstap.Policy.Match' },
        { name: 'value', number: 5, kind: 'bytes' },
      ],
    },
    {
      name: 'Message',
      enums: [{ name: 'Type', values: MESSAGE_TYPES.map((t, i) => [t, i + 1] as const) }],
      fields: [
        { name: 'type', number: 1, kind: 'enum:.dnstap.Message.Type', required: true },
        { name: 'socket_family', number: 2, kind: 'enum:.dnstap.SocketFamily' },
        { name: 'socket_protocol', number: 3, kind: 'enum:.dnstap.SocketProtocol' },
        { name: 'query_address', number: 4, kind: 'bytes' },
        { name: 'response_address', number: 5, kind: 'bytes' },
        { name: 'query_port', number: 6, kind: 'uint32' },
        { name: 'response_port', number: 7, kind: 'uint32' },
        { name: 'query_time_sec', number: 8, kind: 'uint64' },
        { name: 'query_time_nsec', number: 9, kind: 'fixed32' },
        { name: 'query_message', number: 10, kind: 'bytes' },
        { name: 'query_zone', number: 11, kind: 'bytes' },
        { name: 'response_time_sec', number: 12, kind: 'uint64' },
        { name: 'response_time_nsec', number: 13, kind: 'fixed32' },
        { name: 'response_message', number: 14, kind: 'bytes' },
        { name: 'policy', number: 15, kind: 'message:.dnstap.Policy' },
        { name: 'http_protocol', number: 16, kind: 'enum:.dnstap.HttpProtocol' },
      ],
    },
  ],
};

const SCALAR: Record<string, Type> = {
  bytes: Type.BYTES, string: Type.STRING, uint32: Type.UINT32, uint64: Type.UINT64, fixed32: Type.FIXED32,
};

function fieldProto(f: SchemaField): Partial<FieldDescriptorProto> {
  const [kind, typeName] = f.kind.split(':') as [string, string | undefined];
  return {
    name: f.name,
    number: f.number,
    label: f.required ? Label.REQUIRED : Label.OPTIONAL,
    type: kind === 'enum' ? Type.ENUM : kind === 'message' ? Type.MESSAGE : SCALAR[kind]!,
    ...(typeName ? { typeName } : {}),
    jsonName: f.name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
  };
}

function enumProto(e: SchemaEnum): Partial<EnumDescriptorProto> {
  return { name: e.name, value: e.values.map(([name, number]) => ({ name, number })) as EnumDescriptorProto['value'] };
}

function buildRegistry() {
  const file = create(FileDescriptorProtoSchema, {
    name: 'dnstap.proto',
    package: DNSTAP_SCHEMA.package,
    syntax: 'proto2',
    enumType: DNSTAP_SCHEMA.enums.map(enumProto) as EnumDescriptorProto[],
    messageType: DNSTAP_SCHEMA.messages.map((m) => ({
      name: m.name,
      field: m.fields.map(fieldProto),
      enumType: (m.enums ?? []).map(enumProto),
    })) as unknown as DescriptorProtoJson[] as never,
  });
  return createFileRegistry(file, () => undefined);
}

const registry = buildRegistry();

/** dnstap.Dnstap: what each Frame Streams data frame of a dnstap stream holds. */
export const DnstapSchema: DescMessage = registry.getMessage('dnstap.Dnstap')!;
/** dnstap.Message. */
export const MessageSchema: DescMessage = registry.getMessage('dnstap.Message')!;
