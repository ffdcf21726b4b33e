package io.papersearch.index;

import io.papersearch.embed.Vectors;
import io.papersearch.ingest.Lang;
import io.papersearch.ingest.Paper;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.SortedSetDocValues;
import java.util.List;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The Lucene index of papers: one document per paper, upserted by id.
 *
 * <p>Invariants: at most one document per id (every write is {@code updateDocument} on the id
 * term); every commit carries the {@link IndexSchema} it was built with; a vector field holds unit
 * vectors, so it uses dot-product similarity.
 *
 * <p>Thread-safe: Lucene's {@code IndexWriter} takes concurrent writes, and searches go through a
 * {@code SearcherManager}; a write becomes visible to searches at the next {@link #refresh()}.
 *
 * <p>Failed writes: when the disk fills up (or the folder stops being writable) Lucene closes its
 * writer and drops what was not committed, which papersearch never acknowledged; the last commit
 * stays intact and searches go on. The next write opens a new writer on that commit, so writes
 * resume once there is space again, without a restart ({@code DiskFullTest}).
 */
public final class PaperIndex implements Closeable {

  /** Commit user-data key of the {@link VectorStorage}. */
  static final String KEY_VECTORS = "papersearch.vectors";

  /**
   * A segment with more documents than this is searched as several partitions, side by side. Lucene
   * searches a segment on one thread, so at a million papers in one segment a keyword search kept
   * one core busy while the other idled; in partitions its p50 went from 7.0–7.7 to 5.4–5.7 ms
   * (README, Performance; 2 and 8 partitions measured the same). The system property
   * {@code papersearch.sliceDocs} overrides it: the tests set 3, so every search test runs the
   * partitioned path.
   */
  static final int MAX_DOCS_PER_SLICE = Integer.getInteger("papersearch.sliceDocs", 250_000);

  /**
   * Runs segments and partitions of one search beside the calling thread, which takes part too
   * (Lucene's {@code TaskExecutor}), so one query can use every core. Daemon threads: nothing to
   * shut down.
   */
  private static final java.util.concurrent.ExecutorService SEARCH_POOL = java.util.concurrent.Executors.newFixedThreadPool(
      Runtime.getRuntime().availableProcessors(), r -> {
        Thread t = new Thread(r, "papersearch-search");
        t.setDaemon(true);
        return t;
      });

  /** Searchers that search slices (segments, or partitions of big ones) in parallel. */
  private static final SearcherFactory SEARCHERS = new SearcherFactory() {
    @Override
    public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader, org.apache.lucene.index.IndexReader previous) {
      return new IndexSearcher(reader, SEARCH_POOL) {
        @Override
        protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
          return slices(leaves, MAX_DOCS_PER_SLICE, 5, true);
        }
      };
    }
  };

  /** Lucene's indexing buffer for normal use: imports commit every few hundred papers anyway. */
  public static final int DEFAULT_RAM_BUFFER_MB = 64;

  private final Path path;
  private final IndexSchema schema;
  private final VectorStorage storage;
  private final String layout; // IndexSchema.FORMAT or FORMAT_PER_FIELD
  private final Directory directory;
  private final int ramBufferMb; // of the writer; 0 when opened read-only
  private volatile IndexWriter writer; // null when opened read-only; replaced after a failed write
  private volatile SearcherManager searchers;
  private final Object reopening = new Object();
  /** Ids written since the last refresh: {@link #get} refreshes first when asked for one of them. */
  private final java.util.Set<String> unrefreshed = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private PaperIndex(
      Path path, IndexSchema schema, VectorStorage storage, String layout, Directory directory, IndexWriter writer,
      SearcherManager searchers, int ramBufferMb) {
    this.path = path;
    this.schema = schema;
    this.storage = storage;
    this.layout = layout;
    this.directory = directory;
    this.writer = writer;
    this.searchers = searchers;
    this.ramBufferMb = ramBufferMb;
  }

  /**
   * Opens (creating if needed) the index in {@code path} for reading and writing.
   *
   * @throws IndexMismatchException if the index was built with other models
   * @throws IllegalStateException if another process holds the index's write lock, or the folder
   *     cannot be written
   */
  public static PaperIndex openForWriting(Path path, IndexSchema schema) {
    return openForWriting(path, schema, null, DEFAULT_RAM_BUFFER_MB);
  }

  /**
   * Opens (creating if needed) the index in {@code path} for reading and writing.
   *
   * @param storage how a new index stores vectors; null keeps an existing index's choice (float32
   *     for a new one). An existing index cannot change it: its segments were written that way.
   * @param ramBufferMb Lucene's indexing buffer; bigger buffers mean fewer, larger segments
   * @throws IndexMismatchException if the index was built with other models or another storage
   * @throws IllegalStateException if another process holds the index's write lock, or the folder
   *     cannot be written
   */
  public static PaperIndex openForWriting(Path path, IndexSchema schema, VectorStorage storage, int ramBufferMb) {
    return openForWriting(path, schema, storage, ramBufferMb, d -> d);
  }

  /** As above, through {@code wrap}: tests put a failing disk between Lucene and the folder. */
  static PaperIndex openForWriting(
      Path path, IndexSchema schema, VectorStorage storage, int ramBufferMb, java.util.function.UnaryOperator<Directory> wrap) {
    return openForWriting(path, schema, storage, ramBufferMb, wrap, IndexSchema.FORMAT);
  }

  /** @param newLayout the layout a new index gets (tests create layout-2 indexes with it) */
  static PaperIndex openForWriting(
      Path path, IndexSchema schema, VectorStorage storage, int ramBufferMb, java.util.function.UnaryOperator<Directory> wrap,
      String newLayout) {
    if (ramBufferMb < 1) {
      throw new IllegalArgumentException("ramBufferMb must be >= 1, got " + ramBufferMb);
    }
    Directory dir = null;
    try {
      Files.createDirectories(path);
      dir = wrap.apply(FSDirectory.open(path));
      checkRecordedSchema(dir, schema, path);
      VectorStorage recorded = recordedStorage(dir);
      if (storage != null && recorded != null && storage != recorded) {
        throw new IndexMismatchException(
            "index " + path + " stores " + recorded.wire() + " vectors, not " + storage.wire()
                + "; vector storage is chosen when an index is created: index into a new folder");
      }
      VectorStorage chosen = recorded != null ? recorded : storage != null ? storage : VectorStorage.FLOAT32;
      String layout = Objects.requireNonNullElse(recordedLayout(dir), newLayout);
      IndexWriter writer = newWriter(dir, schema, chosen, layout, ramBufferMb);
      if (!DirectoryReader.indexExists(dir)) {
        // Commit at once so even an empty index records which models it belongs to.
        writer.commit();
      }
      return new PaperIndex(path, schema, chosen, layout, dir, writer, new SearcherManager(writer, SEARCHERS), ramBufferMb);
    } catch (LockObtainFailedException e) {
      closeQuietly(dir);
      throw new IllegalStateException(
          "index " + path + " is in use by another papersearch process (its write lock is held)", e);
    } catch (AccessDeniedException e) {
      closeQuietly(dir);
      throw new IllegalStateException("index folder " + path + " is not writable: " + e.getMessage(), e);
    } catch (IOException e) {
      closeQuietly(dir);
      throw new IllegalStateException("cannot open index " + path + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(dir);
      throw e;
    }
  }

  /**
   * Opens an existing index for searching only; does not take the write lock, so it works beside a
   * running server.
   */
  public static PaperIndex openReadOnly(Path path, IndexSchema schema) {
    Directory dir = null;
    try {
      dir = FSDirectory.open(path);
      checkRecordedSchema(dir, schema, path);
      VectorStorage recorded = recordedStorage(dir);
      return new PaperIndex(
          path, schema, recorded != null ? recorded : VectorStorage.FLOAT32,
          Objects.requireNonNullElse(recordedLayout(dir), IndexSchema.FORMAT), dir, null, new SearcherManager(dir, SEARCHERS), 0);
    } catch (IndexNotFoundException e) {
      closeQuietly(dir);
      throw new IllegalStateException("no index in " + path + "; build one with: papersearch index FILE...", e);
    } catch (IOException e) {
      closeQuietly(dir);
      throw new IllegalStateException("cannot open index " + path + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(dir);
      throw e;
    }
  }

  private static void checkRecordedSchema(Directory dir, IndexSchema schema, Path path) throws IOException {
    if (DirectoryReader.indexExists(dir)) {
      Map<String, String> data = SegmentInfos.readLatestCommit(dir).getUserData();
      String format = data.get(IndexSchema.KEY_FORMAT);
      if (!data.isEmpty() && !IndexSchema.FORMAT.equals(format) && !IndexSchema.FORMAT_PER_FIELD.equals(format)) {
        throw new IndexMismatchException(
            "index " + path + " has layout version " + format
                + ", this papersearch reads versions " + IndexSchema.FORMAT_PER_FIELD + " and " + IndexSchema.FORMAT
                + "; re-index your papers into a new folder (papersearch index --index NEW_DIR FILE...)");
      }
      schema.requireCompatible(IndexSchema.fromUserData(data), path.toString());
    }
  }

  /** The layout recorded in the index's last commit, or null for a new index. */
  private static String recordedLayout(Directory dir) throws IOException {
    return recorded(dir, IndexSchema.KEY_FORMAT);
  }

  /** The vector storage recorded in the index's last commit, or null for a new (or pre-0.2) index. */
  private static VectorStorage recordedStorage(Directory dir) throws IOException {
    String value = recorded(dir, KEY_VECTORS);
    return value == null ? null : VectorStorage.parse(value);
  }

  /** A value of the last commit's user data, or null for a new index or a missing key. */
  private static String recorded(Directory dir, String key) throws IOException {
    return DirectoryReader.indexExists(dir) ? SegmentInfos.readLatestCommit(dir).getUserData().get(key) : null;
  }

  private static Map<String, String> userData(IndexSchema schema, VectorStorage storage, String layout) {
    Map<String, String> data = schema.toUserData(layout);
    data.put(KEY_VECTORS, storage.wire());
    return data;
  }

  private static IndexWriter newWriter(Directory dir, IndexSchema schema, VectorStorage storage, String layout, int ramBufferMb)
      throws IOException {
    IndexWriterConfig config = new IndexWriterConfig(Analyzers.perField());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setRAMBufferSizeMB(ramBufferMb);
    config.setCodec(new VectorCodec(storage));
    IndexWriter writer = new IndexWriter(dir, config);
    writer.setLiveCommitData(userData(schema, storage, layout).entrySet());
    return writer;
  }

  /**
   * The writer, reopened on the last commit if a failed write closed it. Lucene closes its writer
   * on an I/O error while writing segments (a full disk): what it held was never committed, so
   * never acknowledged, and is gone. Reopening lets writes resume once the cause is fixed.
   */
  private IndexWriter writer() {
    requireWritable();
    IndexWriter w = writer;
    if (w.isOpen()) {
      return w;
    }
    synchronized (reopening) {
      if (writer.isOpen()) {
        return writer;
      }
      if (writer.getTragicException() == null) {
        throw new IllegalStateException("index " + path + " is closed");
      }
      try {
        IndexWriter fresh = newWriter(directory, schema, storage, layout, ramBufferMb);
        SearcherManager old = searchers;
        searchers = new SearcherManager(fresh, SEARCHERS);
        writer = fresh;
        unrefreshed.clear(); // those writes died with the old writer
        old.close();
        return fresh;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot reopen index " + path + " after a failed write: " + e.getMessage(), e);
      }
    }
  }

  /**
   * The default codec, with every vector field in the chosen storage. Lucene asks for a field's
   * format each time it writes a segment, so while {@link #forceMerge} runs, merges get the same
   * format with a graph builder on every core ({@link #compaction}). Read with Lucene's own codec:
   * the files name the format, not this class.
   */
  private static final class VectorCodec extends Lucene104Codec {
    private final KnnVectorsFormat format;
    volatile KnnVectorsFormat compaction;

    VectorCodec(VectorStorage storage) {
      this.format = storage.format();
    }

    @Override
    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
      KnnVectorsFormat compacting = compaction;
      return compacting != null ? compacting : format;
    }
  }

  /**
   * Whether the index's papers have one text field per language (layout 3, {@link
   * PaperFields#TEXT_EN}) rather than separate title and abstract fields (layout 2): what the keyword
   * leg must search.
   */
  public boolean flatText() {
    return !IndexSchema.FORMAT_PER_FIELD.equals(layout);
  }

  /**
   * Where a title in {@code lang} is indexed. Layout 3: title, abstract and keywords of a language
   * all go into its one text field (several values of a field are one text to BM25). Layout 2 keeps
   * the separate fields its keyword leg searches.
   */
  private String titleField(Lang lang) {
    return flatText() ? PaperFields.text(lang) : PaperFields.title(lang);
  }

  /** Where an abstract or keyword in {@code lang} is indexed; see {@link #titleField}. */
  private String bodyField(Lang lang) {
    return flatText() ? PaperFields.text(lang) : PaperFields.abstractField(lang);
  }

  public IndexSchema schema() {
    return schema;
  }

  /** How this index stores its vectors (searches over quantised ones rescore with floats). */
  public VectorStorage vectorStorage() {
    return storage;
  }

  public Path path() {
    return path;
  }

  /**
   * Adds or replaces a paper with its per-language vectors and their content hashes.
   *
   * @throws IllegalArgumentException if a vector has the wrong dimension for its language
   */
  public void upsert(Paper paper, Map<Lang, float[]> vectors, Map<Lang, String> hashes) {
    requireWritable();
    Document doc = new Document();
    doc.add(new KeywordField(PaperFields.ID, paper.id(), Field.Store.YES));
    doc.add(new StoredField(PaperFields.SOURCE, PaperJson.write(paper)));
    if (paper.year() != null) {
      doc.add(new IntField(PaperFields.YEAR, paper.year(), Field.Store.NO));
    }
    if (!paper.authors().isEmpty()) {
      doc.add(new TextField(PaperFields.AUTHORS, String.join("; ", paper.authors()), Field.Store.NO));
    }
    if (paper.title() != null) {
      doc.add(new TextField(titleField(Lang.detect(paper.title())), paper.title(), Field.Store.NO));
    }
    if (paper.abstractEn() != null) {
      doc.add(new TextField(bodyField(Lang.EN), paper.abstractEn(), Field.Store.NO));
    }
    if (paper.abstractZh() != null) {
      doc.add(new TextField(bodyField(Lang.ZH), paper.abstractZh(), Field.Store.NO));
    }
    for (String keyword : paper.keywords()) {
      doc.add(new TextField(bodyField(Lang.detect(keyword)), keyword, Field.Store.NO));
    }
    FilterValues.addFields(doc, paper);
    for (Map.Entry<Lang, float[]> e : vectors.entrySet()) {
      Lang lang = e.getKey();
      float[] v = e.getValue();
      int expected = lang == Lang.ZH ? schema.dimensionZh() : schema.dimensionEn();
      if (v.length != expected) {
        throw new IllegalArgumentException(
            "paper " + paper.id() + ": " + lang.name().toLowerCase(java.util.Locale.ROOT) + " vector must have "
                + expected + " dimensions, got " + v.length);
      }
      // Dot product on unit vectors equals cosine, without cosine's per-comparison norms.
      float[] unit = Vectors.normalizeInPlace(v.clone());
      doc.add(new KnnFloatVectorField(PaperFields.vector(lang), unit, VectorSimilarityFunction.DOT_PRODUCT));
      String hash = hashes.get(lang);
      if (hash != null) {
        doc.add(new StoredField(PaperFields.hash(lang), hash));
      }
    }
    try {
      writer().updateDocument(new Term(PaperFields.ID, paper.id()), doc);
      unrefreshed.add(paper.id());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write paper " + paper.id() + " to " + path + ": " + e.getMessage(), e);
    }
  }

  /** Deletes a paper; returns whether it existed (as of the last refresh). */
  public boolean delete(String id) {
    requireWritable();
    boolean existed = get(id).isPresent();
    try {
      writer().deleteDocuments(new Term(PaperFields.ID, id));
      unrefreshed.add(id);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete paper " + id + " from " + path + ": " + e.getMessage(), e);
    }
    return existed;
  }

  /** Makes every write so far durable (Lucene commit) and visible to searches. */
  public void commit() {
    requireWritable();
    try {
      IndexWriter w = writer();
      w.setLiveCommitData(userData(schema, storage, layout).entrySet());
      w.commit();
      refresh();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit index " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Merges the index into at most {@code maxSegments} segments, then commits. A query visits every
   * segment's term dictionary and HNSW graph, so fewer segments answer faster (README, Performance,
   * measured at a million papers). Merging rebuilds the graphs: minutes at a million papers, and up
   * to twice the index's size on disk until the old segments are deleted. Blocks until done; the
   * last commit stays the index until the merged one is committed, so an interruption loses
   * nothing.
   *
   * @throws IllegalArgumentException if {@code maxSegments < 1}
   */
  public void forceMerge(int maxSegments) {
    if (maxSegments < 1) {
      throw new IllegalArgumentException("maxSegments must be >= 1, got " + maxSegments);
    }
    requireWritable();
    // Rebuilding the HNSW graph is most of a merge's time (a million papers: ten minutes on one
    // thread). Compaction runs with the server stopped, so the merge may take every core; ordinary
    // merges keep one thread, leaving the other cores to searches and embedding.
    IndexWriter w = writer();
    VectorCodec codec = (VectorCodec) w.getConfig().getCodec();
    int cores = Runtime.getRuntime().availableProcessors();
    java.util.concurrent.ExecutorService graphBuilders = cores > 1 ? java.util.concurrent.Executors.newFixedThreadPool(cores) : null;
    codec.compaction = graphBuilders == null ? null : storage.format(cores, graphBuilders);
    try {
      w.forceMerge(maxSegments);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot merge index " + path + ": " + e.getMessage(), e);
    } finally {
      codec.compaction = null;
      if (graphBuilders != null) {
        graphBuilders.shutdownNow();
      }
    }
    commit();
  }

  /** Segments in the index (as of the last refresh): each is searched on its own. */
  public int segmentCount() {
    return withSearcher(s -> s.getIndexReader().leaves().size());
  }

  /** Makes writes so far visible to searches (not yet durable). */
  public void refresh() {
    try {
      if (writer != null) {
        writer(); // a writer closed by a failed write cannot refresh: reopen it first
      }
      java.util.List<String> written = java.util.List.copyOf(unrefreshed);
      searchers.maybeRefreshBlocking();
      written.forEach(unrefreshed::remove);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot refresh index " + path, e);
    }
  }

  /** A function of a searcher; the searcher must not be used after it returns. */
  @FunctionalInterface
  public interface SearcherFunction<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  /** Runs {@code fn} on the current point-in-time searcher. */
  public <T> T withSearcher(SearcherFunction<T> fn) {
    SearcherManager manager = searchers;
    IndexSearcher searcher;
    try {
      searcher = manager.acquire();
    } catch (org.apache.lucene.store.AlreadyClosedException e) {
      if (manager == searchers) {
        throw e;
      }
      return withSearcher(fn); // replaced by a writer reopening meanwhile
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a searcher on " + path, e);
    }
    try {
      return fn.apply(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException("search on " + path + " failed", e);
    } finally {
      try {
        manager.release(searcher);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot release searcher on " + path, e);
      }
    }
  }

  /** Number of papers with a vector in {@code lang} (as of the last refresh). */
  public int vectorCount(Lang lang) {
    String field = PaperFields.vector(lang);
    return withSearcher(s -> {
      int n = 0;
      for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
        FloatVectorValues v = leaf.reader().getFloatVectorValues(field);
        if (v != null) {
          // Counts deleted documents of the segment too: only "none" vs "some" matters to callers.
          n += v.size();
        }
      }
      return n;
    });
  }

  /** Number of papers (as of the last refresh). */
  public int count() {
    return withSearcher(s -> s.getIndexReader().numDocs());
  }

  /**
   * Bytes the index folder's files take on disk right now: committed segments plus files being
   * written or awaiting deletion, which is what the disk actually holds.
   */
  public long sizeOnDisk() {
    try {
      long bytes = 0;
      for (String file : directory.listAll()) {
        try {
          bytes += directory.fileLength(file);
        } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
          // merged away between listing and measuring: it no longer takes space
        }
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list index " + path, e);
    }
  }

  /**
   * The stored paper with {@code id}, with its hashes and vectors, including writes not yet
   * refreshed (a write of this id since the last refresh triggers one).
   */
  public Optional<StoredPaper> get(String id) {
    if (unrefreshed.contains(id)) {
      refresh();
    }
    return withSearcher(
        s -> {
          TopDocs top = s.search(new TermQuery(new Term(PaperFields.ID, id)), 1);
          if (top.scoreDocs.length == 0) {
            return Optional.empty();
          }
          return Optional.of(load(s, top.scoreDocs[0].doc));
        });
  }

  /** Loads the stored paper of a document of {@code searcher}. */
  public static StoredPaper load(IndexSearcher searcher, int docId) throws IOException {
    Document doc = searcher.storedFields().document(docId);
    Paper paper = PaperJson.read(doc.getBinaryValue(PaperFields.SOURCE).bytes);
    Map<Lang, String> hashes = new EnumMap<>(Lang.class);
    Map<Lang, float[]> vectors = new EnumMap<>(Lang.class);
    for (Lang lang : Lang.values()) {
      String hash = doc.get(PaperFields.hash(lang));
      if (hash != null) {
        hashes.put(lang, hash);
      }
      float[] v = vector(searcher, docId, PaperFields.vector(lang));
      if (v != null) {
        vectors.put(lang, v);
      }
    }
    return new StoredPaper(paper, hashes, vectors);
  }

  /**
   * Only the paper record of document {@code docId}, for result lists, read through {@code stored}
   * (from {@code IndexSearcher.storedFields()}; not thread-safe): a caller reading a page of papers
   * passes one for all of them.
   */
  public static Paper paper(StoredFields stored, int docId) throws IOException {
    Document doc = stored.document(docId, SOURCE_ONLY);
    return PaperJson.read(doc.getBinaryValue(PaperFields.SOURCE).bytes);
  }

  private static final java.util.Set<String> SOURCE_ONLY = java.util.Set.of(PaperFields.SOURCE);

  /**
   * Only the id of a document, from the id field's doc values: ranking reads hundreds of candidate
   * ids per query, and stored fields would decompress whole blocks of paper JSON for each.
   */
  public static String id(IndexSearcher searcher, int docId) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docId, leaves));
    SortedSetDocValues ids = DocValues.getSortedSet(leaf.reader(), PaperFields.ID);
    if (!ids.advanceExact(docId - leaf.docBase)) {
      throw new IllegalStateException("document " + docId + " has no id");
    }
    return ids.lookupOrd(ids.nextOrd()).utf8ToString();
  }

  /** The stored float vector of a document in {@code field} (a copy), or null if it has none. */
  public static float[] vector(IndexSearcher searcher, int docId, String field) throws IOException {
    LeafReaderContext leaf = searcher.getIndexReader().leaves().get(ReaderUtil.subIndex(docId, searcher.getIndexReader().leaves()));
    LeafReader reader = leaf.reader();
    FloatVectorValues values = reader.getFloatVectorValues(field);
    if (values == null) {
      return null;
    }
    int target = docId - leaf.docBase;
    KnnVectorValues.DocIndexIterator it = values.iterator();
    if (it.advance(target) != target) {
      return null;
    }
    return values.vectorValue(it.index()).clone();
  }

  private void requireWritable() {
    if (writer == null) {
      throw new IllegalStateException("index " + path + " was opened read-only");
    }
  }

  /** Commits pending writes (if writable) and releases the index and its write lock. */
  @Override
  public void close() {
    try {
      searchers.close();
      IndexWriter w = writer;
      if (w != null && w.isOpen()) {
        w.setLiveCommitData(userData(schema, storage, layout).entrySet());
        w.close(); // commits
      }
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close index " + path, e);
    }
  }

  private static void closeQuietly(Directory dir) {
    if (dir != null) {
      try {
        dir.close();
      } catch (IOException ignored) {
        // the original failure is what the caller needs to see
      }
    }
  }
}
