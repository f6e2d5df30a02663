// Svelte 5 in runes mode everywhere; TypeScript in components is handled natively by Svelte 5.
export default {
  compilerOptions: { runes: true },
};
