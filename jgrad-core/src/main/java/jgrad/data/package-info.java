/**
 * Classification data: {@link jgrad.data.Dataset} (features, class indices, class and feature
 * names), generated two-dimensional sets in {@link jgrad.data.Datasets} (moons as scikit-learn makes
 * them, circles, spiral, xor, blobs; deterministic from a {@code Random}), a CSV reader
 * {@link jgrad.data.Csv} whose errors name the file, line and column, seeded train/validation/test
 * splits, and a {@link jgrad.data.Standardizer} fitted on training rows only.
 */
package jgrad.data;
