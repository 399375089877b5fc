// Draws the site's icons from app/icon.svg (the one source): app/favicon.ico, an ICO holding
// PNGs of 16, 32 and 48 px (every browser since Windows Vista's reads PNG entries), and
// app/apple-icon.png, 180 px on the brand red for iOS home screens. Next links all three from
// every page (its file conventions for app/). Run after changing the SVG:
//
//   npx tsx scripts/favicon.ts
import fs from "node:fs";
import sharp from "sharp";

const SVG = "app/icon.svg";
const ICO_SIZES = [16, 32, 48];

/** An ICO file (ICONDIR, one ICONDIRENTRY per image, then the images) of PNG images. */
function icoOf(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size % 256, 0); // width (0 means 256)
    entry.writeUInt8(size % 256, 1); // height
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

async function main() {
  const svg = fs.readFileSync(SVG);
  const render = (size: number) => sharp(svg, { density: 384 }).resize(size, size);
  const images = await Promise.all(ICO_SIZES.map(async (size) => ({ size, png: await render(size).png().toBuffer() })));
  fs.writeFileSync("app/favicon.ico", icoOf(images));
  await render(180).flatten({ background: "#b3141c" }).png().toFile("app/apple-icon.png");
  console.log("app/favicon.ico, app/apple-icon.png");
}

void main();
