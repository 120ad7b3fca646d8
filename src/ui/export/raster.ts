/** Rasterising an exported SVG into a PNG at a multiple of its CSS size (2×: sharp on slides). */
import type { Snapshot } from './snapshot';

export const PNG_SCALE = 2;

export async function snapshotToPng(snap: Snapshot, scale = PNG_SCALE): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([snap.svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(snap.width * scale));
    canvas.height = Math.max(1, Math.round(snap.height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    // Draw the vector image at the full output size, not a 1× bitmap scaled up.
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
