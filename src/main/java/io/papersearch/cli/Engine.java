package io.papersearch.cli;

import io.papersearch.embed.Embedders;
import io.papersearch.embed.EmbeddingListener;
import io.papersearch.embed.OnnxEmbedder;
import io.papersearch.index.Importer;
import io.papersearch.index.Indexer;
import io.papersearch.index.PaperIndex;
import io.papersearch.index.VectorStorage;
import io.papersearch.search.Fusion;
import io.papersearch.search.SearchService;
import java.nio.file.Path;

/**
 * The assembled pipeline for one command: models, index, indexer and search over it. Closing it
 * commits and releases the index, then the models.
 */
final class Engine implements AutoCloseable {
  final Embedders embedders;
  final PaperIndex index;
  final SearchService search;
  private final Indexer indexer; // null when read-only
  private final int workers;

  private Engine(Embedders embedders, PaperIndex index, boolean writable, int workers, Fusion fusion) {
    this.workers = workers;
    this.embedders = embedders;
    this.index = index;
    this.search = new SearchService(index, embedders, fusion);
    this.indexer = writable ? new Indexer(index, embedders) : null;
  }

  static Engine open(CommonOptions opts, boolean writable) {
    return open(opts, opts.index(), writable);
  }

  static Engine open(CommonOptions opts, Path dir, boolean writable) {
    return open(opts, dir, writable, opts.fusion());
  }

  /** As {@link #open(CommonOptions, Path, boolean)}, searching with {@code fusion} (eval sweeps its own). */
  static Engine open(CommonOptions opts, Path dir, boolean writable, Fusion fusion) {
    Embedders embedders =
        Embedders.load(opts.models(), opts.modelEn, opts.modelZh, opts.modelThreads(), opts.cacheDir());
    return open(embedders, dir, writable ? opts.vectorStorage() : null, writable, opts.workers(), fusion);
  }

  /** The server's engine, writable, with every model run reported to {@code listener}. */
  static Engine open(ServeSettings s, EmbeddingListener listener) {
    Embedders embedders = Embedders.load(
        s.models(), s.modelEn(), s.modelZh(), new OnnxEmbedder.Threads(s.threads(), s.workers()), s.cache(), listener);
    return open(embedders, s.index(), s.vectorStorage(), true, s.workers(), s.fusion());
  }

  private static Engine open(Embedders embedders, Path dir, VectorStorage storage, boolean writable, int workers, Fusion fusion) {
    try {
      PaperIndex index =
          writable
              ? PaperIndex.openForWriting(dir, Indexer.schemaOf(embedders), storage, PaperIndex.DEFAULT_RAM_BUFFER_MB)
              : PaperIndex.openReadOnly(dir, Indexer.schemaOf(embedders));
      return new Engine(embedders, index, writable, workers, fusion);
    } catch (RuntimeException e) {
      embedders.close();
      throw e;
    }
  }

  Importer importer() {
    if (indexer == null) {
      throw new IllegalStateException("engine was opened read-only");
    }
    return new Importer(index, indexer, workers);
  }

  /** The write side of the HTTP API: single and bulk upserts, deletes, leaving a core for searches. */
  io.papersearch.search.WriteService writes() {
    if (indexer == null) {
      throw new IllegalStateException("engine was opened read-only");
    }
    return new io.papersearch.search.WriteService(index, indexer, io.papersearch.search.WriteService.writersFor(workers));
  }

  /** An importer that takes vectors computed elsewhere instead of running the model where it can. */
  Importer importer(io.papersearch.index.ImportedVectors vectors) {
    importer(); // the read-only check
    return new Importer(index, new Indexer(index, embedders, vectors), workers);
  }

  @Override
  public void close() {
    try {
      index.close();
    } finally {
      embedders.close();
    }
  }
}
