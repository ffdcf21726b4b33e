/**
 * Stage 2: text to vectors. Sentence-embedding models run by DJL on the ONNX Runtime engine, on
 * CPU, fully offline.
 *
 * <p>Models are data: a folder per model under {@code models/} with its ONNX file, its HuggingFace
 * {@code tokenizer.json}, and a {@code model.json} spec ({@link io.papersearch.embed.ModelSpec}:
 * dimension, pooling, normalisation, max tokens, query/passage prefixes, language). The
 * {@link io.papersearch.embed.ModelRegistry} reads the specs; {@link io.papersearch.embed.OnnxEmbedder}
 * runs one model; {@link io.papersearch.embed.Embedders} picks the model of each language.
 *
 * <p>Invariants: every text is embedded alone (batch 1), so a vector depends only on its text and
 * role; vectors are unit length when the spec says {@code normalize}; this is the only package that
 * imports DJL, and it sets {@code ai.djl.offline=true} before DJL starts.
 */
package io.papersearch.embed;
