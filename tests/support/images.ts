// Test images made with sharp at run time: no binary fixtures.
import sharp from "sharp";

/** A photo-like JPEG: gradients and noise, so it compresses like a photograph. */
export async function photoJpeg(width: number, height: number, options: { quality?: number; seed?: number } = {}): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let state = options.seed ?? 1;
  const noise = () => {
    // xorshift: deterministic, so the same seed gives the same bytes (and the same hash).
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % 40;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = ((x * 255) / width) ^ noise();
      raw[i + 1] = ((y * 255) / height) ^ noise();
      raw[i + 2] = (x + y) & 255;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: options.quality ?? 88 }).toBuffer();
}

/** Text stored in the GPS block of sidewaysJpegWithGps, to look for in the output bytes. */
export const GPS_MARKER = "WGS-84-TEST";

/**
 * A JPEG whose pixels are stored sideways with EXIF orientation 6 (turn 90° clockwise to
 * view), as phones write them, plus GPS position and a camera serial number. The stored
 * pixels are `storedWidth` × `storedHeight`; the left half red, the right half blue.
 */
export async function sidewaysJpegWithGps(storedWidth = 400, storedHeight = 200): Promise<Buffer> {
  const half = Math.floor(storedWidth / 2);
  const left = await sharp({ create: { width: half, height: storedHeight, channels: 3, background: "#ff0000" } }).png().toBuffer();
  return sharp({ create: { width: storedWidth, height: storedHeight, channels: 3, background: "#0000ff" } })
    .composite([{ input: left, left: 0, top: 0 }])
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: "TestCam", Model: "Sideways 1" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "24/1 28/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "118/1 5/1 0/1", GPSMapDatum: GPS_MARKER },
    })
    // After withExif, which would otherwise reset the orientation to 1.
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/**
 * A PNG that declares `width` × `height` pixels in its header but is only a few hundred bytes:
 * the shape of a decompression bomb. Built by hand (sharp would refuse to make it).
 */
export function bombPng(width = 30000, height = 30000): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    // A few bytes of zlib data; a real bomb would hold gigabytes of zeros compressed.
    chunk("IDAT", Buffer.from([0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01])),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
