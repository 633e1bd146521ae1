// Server: a fast decoder for input frames of a flat schema (primitive and quantized fields only,
// as Colyseus' defineInput requires). Profiles of the arena benchmark put a third of the server's
// main-thread time in receiving inputs, most of it in the generic schema Decoder and in cloning a
// schema instance per input into the input buffer (docs/server-cost.md). This decodes the same
// bytes into a plain object with the library's own value decoders and the same dequantize
// arithmetic, so values are bit-identical (flatInputDecoder.test.ts compares against the schema
// decoder), and clones it as a plain object. Anything it does not expect (an operation other than
// a field write, an unknown field) is handed to a schema decoder, kept in step, created the first
// time it is needed: Colyseus' own (a schema instance, decoder, reference tracker and type
// context: ~0.7 KB per client) is let go at install, so an honest client never holds one.
//
// An override of Colyseus 0.18 internals (the per-client `_input` and `_inputDecoder` that
// RoomInput.allocate sets on join and reconnect): install() after every (re)join.

import { decode, OPERATION } from "@colyseus/schema";
import { InputDecoder } from "@colyseus/schema/input";

interface QuantizedType {
  quantized: { min: number; range: number; span: number; wire: keyof typeof decode };
}

interface FieldInfo {
  name: string;
  read: (bytes: Uint8Array, it: { offset: number }) => unknown;
}

/** The library's own per-client decoder (InputDecoder from @colyseus/schema/input). */
interface SchemaInputDecoder {
  instance: Record<string, unknown>;
  decode(bytes: Uint8Array): unknown;
  decodeAll(bytes: Uint8Array, onInput: (instance: unknown, seq: number) => void): number;
}

interface InputClient {
  _input?: unknown;
  _inputDecoder?: SchemaInputDecoder | FlatDecoder;
}

const FIELD_INDEX_MASK = 0x3f;
const OPERATION_MASK = 0xc0;

/** The fields of a flat input schema class, with a reader per field; undefined when a field is
 *  not a primitive or quantized scalar (then the schema decoder stays in charge). */
export function flatFields(schemaClass: object): FieldInfo[] | undefined {
  const metadata = (schemaClass as { [Symbol.metadata]?: Record<number, { name: string; type: unknown }> })[Symbol.metadata];
  if (!metadata) return undefined;
  const fields: FieldInfo[] = [];
  for (let i = 0; metadata[i] !== undefined; i++) {
    const { name, type } = metadata[i];
    if (typeof type === "string" && type in decode) {
      const read = decode[type as keyof typeof decode] as FieldInfo["read"];
      fields.push({ name, read });
    } else if (typeof type === "object" && type !== null && "quantized" in type) {
      const q = (type as QuantizedType).quantized;
      const wire = decode[q.wire] as (bytes: Uint8Array, it: { offset: number }) => number;
      // The schema's dequantize, operation for operation: bit-identical values.
      fields.push({ name, read: (bytes, it) => q.min + (wire(bytes, it) / q.span) * q.range });
    } else {
      return undefined;
    }
  }
  return fields;
}

/** Field names that can be written as JavaScript property accesses (schema fields always can). */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A plain input object whose clone() is a plain copy (the input buffer clones every input). The
 * constructor and clone() are generated for the schema's field names, so every instance has the
 * same fields in the same order and each copy is a fixed sequence of named property reads and
 * writes (a loop over the names, keyed access, was 2.5 % of the main thread in the arena benchmark).
 */
function plainInputClass(names: readonly string[]): new () => Record<string, unknown> & { clone(): unknown } {
  if (!names.every((name) => IDENTIFIER.test(name))) throw new Error(`not identifiers: ${names.join(", ")}`);
  // Generated from the schema's field names, checked above.
  const make = new Function(`
    function PlainInput() { ${names.map((n) => `this.${n} = undefined;`).join(" ")} }
    PlainInput.prototype.clone = function clone() {
      const copy = new PlainInput();
      ${names.map((n) => `copy.${n} = this.${n};`).join(" ")}
      return copy;
    };
    return PlainInput;`) as () => new () => Record<string, unknown> & { clone(): unknown };
  return make();
}

class FlatDecoder {
  private readonly it = { offset: 0 };
  private schemaDecoder: SchemaInputDecoder | undefined;

  constructor(
    readonly instance: Record<string, unknown>,
    private readonly fields: readonly FieldInfo[],
    private readonly schemaClass: new () => object,
  ) {}

  /** The schema decoder for what the fast path does not take (created on first use). */
  private get fallback(): SchemaInputDecoder {
    return (this.schemaDecoder ??= new InputDecoder(new this.schemaClass() as never) as unknown as SchemaInputDecoder);
  }

  decode(bytes: Uint8Array): Record<string, unknown> {
    if (!this.tryDecode(bytes)) {
      this.syncSchema();
      this.fallback.decode(bytes);
      this.syncPlain();
    }
    return this.instance;
  }

  decodeAll(bytes: Uint8Array, onInput: (instance: unknown, seq: number) => void): number {
    this.syncSchema();
    return this.fallback.decodeAll(bytes, (_schemaInstance, seq) => {
      this.syncPlain();
      onInput(this.instance, seq);
    });
  }

  /** Decode a frame of field writes at the root; false (nothing written) for anything else. */
  private tryDecode(bytes: Uint8Array): boolean {
    // Validate the whole frame first, so a frame handed to the fallback was not half-applied.
    const it = this.it;
    const fields = this.fields;
    it.offset = 0;
    let pending = 0;
    while (it.offset < bytes.length) {
      const head = bytes[it.offset++];
      const op = head & OPERATION_MASK;
      const field = fields[head & FIELD_INDEX_MASK];
      if ((op !== OPERATION.ADD && op !== OPERATION.REPLACE) || field === undefined) return false;
      field.read(bytes, it);
      pending++;
    }
    if (it.offset !== bytes.length) return false;
    it.offset = 0;
    for (let k = 0; k < pending; k++) {
      const field = fields[bytes[it.offset++] & FIELD_INDEX_MASK];
      this.instance[field.name] = field.read(bytes, it);
    }
    return true;
  }

  private syncSchema(): void {
    const schema = this.fallback.instance;
    for (const f of this.fields) schema[f.name] = this.instance[f.name];
  }

  private syncPlain(): void {
    const schema = this.fallback.instance;
    for (const f of this.fields) this.instance[f.name] = schema[f.name];
  }
}

/** Per input schema class: its fields and plain class, computed once. */
const cache = new WeakMap<object, { fields: FieldInfo[]; Plain: ReturnType<typeof plainInputClass> } | null>();

/**
 * Give `client` the fast decoder for inputs of `schemaClass` (call in onJoin and onReconnect:
 * Colyseus allocates a fresh decoder each time). Does nothing when the client has no input
 * decoder, or the schema is not flat.
 */
export function installFlatInputDecoder(client: unknown, schemaClass: object): boolean {
  const c = client as InputClient;
  const current = c._inputDecoder;
  if (!current || current instanceof FlatDecoder) return false;
  let known = cache.get(schemaClass);
  if (known === undefined) {
    const fields = flatFields(schemaClass);
    known = fields ? { fields, Plain: plainInputClass(fields.map((f) => f.name)) } : null;
    cache.set(schemaClass, known);
  }
  if (!known) return false;
  const plain = new known.Plain();
  for (const f of known.fields) plain[f.name] = current.instance[f.name];
  c._input = plain;
  c._inputDecoder = new FlatDecoder(plain, known.fields, schemaClass as new () => object);
  return true;
}
