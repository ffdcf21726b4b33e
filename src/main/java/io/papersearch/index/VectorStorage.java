package io.papersearch.index;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * How an index stores the vectors its HNSW graphs search. Chosen when an index is created and
 * recorded in its commits; an existing index keeps its choice.
 *
 * <p>The quantised variants keep the float vectors on disk too (Lucene needs them to merge and we
 * use them to rescore), but the graph walks only the compact codes: the part of the index that must
 * stay in memory for fast search is 4x ({@link #INT8}) or 8x ({@link #INT4}) smaller. Because
 * quantised scores are approximate, searches over a quantised index fetch {@link #oversample()}
 * times more candidates and rescore them with the full-precision vectors. Recall and memory for
 * each choice are measured by {@code papersearch bench scale} (README, Performance).
 */
public enum VectorStorage {
  /** 32-bit floats: exact scores, 4 bytes per dimension in memory. The default. */
  FLOAT32("float32", 1),
  /** Lucene's optimised scalar quantisation to 8 bits per dimension, float rescoring. */
  INT8("int8", 2),
  /** 4 bits per dimension, float rescoring over a wider candidate set. */
  INT4("int4", 3);

  private final String wire;
  private final int oversample;

  VectorStorage(String wire, int oversample) {
    this.wire = wire;
    this.oversample = oversample;
  }

  /** The name used on the command line, in the config and in the index's commit data. */
  public String wire() {
    return wire;
  }

  /** Whether search scores come from quantised codes and need float rescoring. */
  public boolean quantized() {
    return this != FLOAT32;
  }

  /** How many times more candidates than asked for a quantised search gathers before rescoring. */
  public int oversample() {
    return oversample;
  }

  /**
   * HNSW neighbours per node (Lucene's default is 16). Measured at 100k synthetic papers (README,
   * Performance): 16 gave recall@10 0.68 as served in one segment, 32 (with {@link #BEAM_WIDTH}
   * 200) gave 0.96, for 1.6 ms more per semantic search and a graph of 9 instead of 5 MiB. Building
   * the graph takes about twice as long (100k papers: 159 s, 75 s with 16 in an earlier run), which
   * nobody sees: embedding runs at 7 papers/s, the graph at 630. Only new segments use it; existing
   * ones keep their graphs until merged.
   */
  static final int MAX_CONN = 32;

  /** Candidates considered while inserting a node into the graph (Lucene's default is 100). */
  static final int BEAM_WIDTH = 200;

  /** The Lucene format for vector fields: each graph built by one thread. */
  KnnVectorsFormat format() {
    return switch (this) {
      case FLOAT32 -> new Lucene99HnswVectorsFormat(MAX_CONN, BEAM_WIDTH);
      case INT8 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.UNSIGNED_BYTE, MAX_CONN, BEAM_WIDTH);
      case INT4 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.PACKED_NIBBLE, MAX_CONN, BEAM_WIDTH);
    };
  }

  /**
   * The same format (same files, same graph parameters), but a merge builds its graph with
   * {@code workers} threads of {@code executor}.
   *
   * @throws IllegalArgumentException if {@code workers < 2}
   */
  KnnVectorsFormat format(int workers, ExecutorService executor) {
    if (workers < 2) {
      throw new IllegalArgumentException("workers must be >= 2, got " + workers);
    }
    return switch (this) {
      case FLOAT32 -> new Lucene99HnswVectorsFormat(MAX_CONN, BEAM_WIDTH, workers, executor);
      case INT8 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.UNSIGNED_BYTE, MAX_CONN, BEAM_WIDTH, workers, executor);
      case INT4 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.PACKED_NIBBLE, MAX_CONN, BEAM_WIDTH, workers, executor);
    };
  }

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  public static VectorStorage parse(String value) {
    for (VectorStorage s : values()) {
      if (s.wire.equals(value == null ? null : value.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "vector storage must be one of " + Arrays.stream(values()).map(VectorStorage::wire).collect(Collectors.joining(", "))
            + ", got '" + value + "'");
  }
}
