// The scene schema, its validator and the built-in presets.
export * from './schema';
export * from './validate';
export * from './presets';
