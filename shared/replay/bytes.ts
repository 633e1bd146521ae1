// Both sides: a growable byte writer and its reader (varints, zigzag, strings as UTF-16 code
// units), for the replay format. No Node or DOM APIs.

export class ByteWriter {
  private buf = new Uint8Array(4096);
  private n = 0;

  get length(): number {
    return this.n;
  }

  u8(v: number): void {
    if (this.n === this.buf.length) this.grow();
    this.buf[this.n++] = v & 0xff;
  }

  /** Unsigned integer below 2^53, 7 bits a byte. */
  varint(v: number): void {
    while (v >= 0x80) {
      this.u8((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.u8(v);
  }

  /** Signed integer: small magnitudes stay small. */
  zigzag(v: number): void {
    this.varint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  f64(v: number): void {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, v, true);
    for (let i = 0; i < 8; i++) this.u8(view.getUint8(i));
  }

  string(s: string): void {
    this.varint(s.length);
    for (let i = 0; i < s.length; i++) this.varint(s.charCodeAt(i));
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.n);
  }

  private grow(): void {
    const next = new Uint8Array(this.buf.length * 2);
    next.set(this.buf);
    this.buf = next;
  }
}

export class ByteReader {
  private i = 0;

  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.i >= this.buf.length;
  }

  u8(): number {
    if (this.i >= this.buf.length) throw new Error("replay data ends in the middle of an event");
    return this.buf[this.i++];
  }

  varint(): number {
    let v = 0;
    let scale = 1;
    for (;;) {
      const b = this.u8();
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
      scale *= 0x80;
      if (scale > 2 ** 53) throw new Error("replay data holds a number too large");
    }
  }

  zigzag(): number {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }

  f64(): number {
    const view = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < 8; i++) view.setUint8(i, this.u8());
    return view.getFloat64(0, true);
  }

  string(): string {
    const length = this.varint();
    let s = "";
    for (let k = 0; k < length; k++) s += String.fromCharCode(this.varint());
    return s;
  }
}
