// How photos are encoded, in a module of its own (no sharp here): the encoder uses these
// settings (media/encode.ts), and the names of the files it writes carry a hash of them
// (media/variants.ts), so a change of settings gives every photo new addresses and every page
// that shows one is rendered again.

/** Bump when the pipeline changes in a way the settings do not show. */
export const PIPELINE = 2;

export const SETTINGS = {
  // mozjpeg at quality 82: ~10 % smaller than libjpeg at the same visual quality; progressive.
  jpeg: { quality: 82, mozjpeg: true },
  // Lossless as given: PNGs are usually screenshots and charts, where JPEG artefacts show.
  png: { compressionLevel: 9, adaptiveFiltering: true },
  webp: { quality: 82, effort: 4 },
  // GIF stays GIF, animation kept (frames, delays, loop): every browser and mail client shows it.
  gif: { effort: 7 },
  // Effort 2, not sharp's default 4: on the sample photos 4 took 5× the time for files 1 % smaller.
  avif: { quality: 55, effort: 2 },
} as const;
