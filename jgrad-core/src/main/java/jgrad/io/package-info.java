/**
 * Files: a small strict JSON reader and writer ({@link jgrad.io.Json}) whose doubles round-trip
 * exactly, atomic writes ({@link jgrad.io.AtomicFiles}: a temporary file renamed over the target),
 * and the human-readable model format ({@link jgrad.io.ModelFile}, {@link jgrad.io.SavedModel})
 * that holds a network's architecture, activations, parameters, standardisation and class names,
 * and refuses to load a corrupt, truncated or inconsistent file. No Java serialization.
 */
package jgrad.io;
