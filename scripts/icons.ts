/**
 * Draws the two Teams app icons (four overlapping circles, one per member of a circle of peers)
 * and writes them to appPackage/. Run with `npx tsx scripts/icons.ts` after changing the motif;
 * the PNGs are committed so packaging never depends on this script.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";

type Rgb = readonly [number, number, number];

interface Ring {
  cx: number;
  cy: number;
  r: number;
}

const PURPLE: Rgb = [0x5b, 0x4b, 0xc4];
const TEAL: Rgb = [0x1f, 0xa3, 0x9a];
/** Sub-samples per pixel side: 4 x 4 gives smooth edges without a rasteriser. */
const SUPERSAMPLE = 4;

/** Four circles around the centre, overlapping in a flower-like knot. */
function rings(size: number, spread: number, radius: number): Ring[] {
  const c = size / 2;
  return [
    { cx: c - spread, cy: c, r: radius },
    { cx: c + spread, cy: c, r: radius },
    { cx: c, cy: c - spread, r: radius },
    { cx: c, cy: c + spread, r: radius },
  ];
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

function over(base: Rgb, top: Rgb, alpha: number): Rgb {
  return mix(base, top, alpha);
}

/** Squared distances keep the inner loop free of square roots. */
function distance2(x: number, y: number, ring: Ring): number {
  return (x - ring.cx) ** 2 + (y - ring.cy) ** 2;
}

function onStroke(x: number, y: number, ring: Ring, width: number): boolean {
  const d2 = distance2(x, y, ring);
  return d2 >= (ring.r - width / 2) ** 2 && d2 <= (ring.r + width / 2) ** 2;
}

function inside(x: number, y: number, ring: Ring): boolean {
  return distance2(x, y, ring) < ring.r ** 2;
}

/** The 192 x 192 colour icon: purple-to-teal field, white rings, faint fills that brighten where circles overlap. */
export function renderColorIcon(size = 192): PNG {
  const png = new PNG({ width: size, height: size });
  const circles = rings(size, size * 0.15, size * 0.19);
  const stroke = size * 0.036;
  const white: Rgb = [255, 255, 255];
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let sum: [number, number, number] = [0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = px + (sx + 0.5) / SUPERSAMPLE;
          const y = py + (sy + 0.5) / SUPERSAMPLE;
          let colour = mix(PURPLE, TEAL, (x + y) / (2 * size));
          for (const ring of circles) if (inside(x, y, ring)) colour = over(colour, white, 0.16);
          for (const ring of circles) if (onStroke(x, y, ring, stroke)) colour = over(colour, white, 0.95);
          sum = [sum[0] + colour[0], sum[1] + colour[1], sum[2] + colour[2]];
        }
      }
      const n = SUPERSAMPLE * SUPERSAMPLE;
      const i = (py * size + px) * 4;
      png.data[i] = Math.round(sum[0] / n);
      png.data[i + 1] = Math.round(sum[1] / n);
      png.data[i + 2] = Math.round(sum[2] / n);
      png.data[i + 3] = 255;
    }
  }
  return png;
}

/** The 32 x 32 outline icon: the same rings in pure white on a transparent background; only alpha varies. */
export function renderOutlineIcon(size = 32): PNG {
  const png = new PNG({ width: size, height: size });
  // Wider spread than the colour icon so the centre stays open at 32 px.
  const circles = rings(size, size * 0.22, size * 0.19);
  const stroke = size * 0.06;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = px + (sx + 0.5) / SUPERSAMPLE;
          const y = py + (sy + 0.5) / SUPERSAMPLE;
          if (circles.some((ring) => onStroke(x, y, ring, stroke))) covered++;
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = Math.round((covered / (SUPERSAMPLE * SUPERSAMPLE)) * 255);
    }
  }
  return png;
}

function main(): void {
  const dir = join(__dirname, "..", "appPackage");
  writeFileSync(join(dir, "color.png"), PNG.sync.write(renderColorIcon()));
  writeFileSync(join(dir, "outline.png"), PNG.sync.write(renderOutlineIcon()));
  console.log(`Wrote ${join(dir, "color.png")} and ${join(dir, "outline.png")}`);
}

if (require.main === module) main();
