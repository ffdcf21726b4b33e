package io.papersearch.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.papersearch.embed.Embedders;
import io.papersearch.ingest.Lang;
import io.papersearch.ingest.Paper;
import io.papersearch.testing.FakeEmbedder;
import io.papersearch.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IndexerTest {
  @TempDir Path dir;

  static int calls(Embedders e) {
    return ((FakeEmbedder) e.en()).calls.get() + ((FakeEmbedder) e.zh()).calls.get();
  }

  @Test
  void reindexing_an_unchanged_corpus_embeds_nothing_and_duplicates_nothing() {
    Embedders e = Fixtures.fakeEmbedders();
    try (PaperIndex index = Fixtures.indexedCorpus(dir, e)) {
      int before = calls(e);
      Indexer indexer = new Indexer(index, e);
      for (Paper p : Fixtures.corpus()) {
        assertThat(indexer.index(p)).isEqualTo(Indexer.Outcome.UNCHANGED);
      }
      index.commit();
      assertThat(calls(e)).isEqualTo(before);
      assertThat(index.count()).isEqualTo(5);
    }
  }

  @Test
  void vectors_survive_a_restart_so_reopening_embeds_nothing() {
    Embedders e = Fixtures.fakeEmbedders();
    Fixtures.indexedCorpus(dir, e).close();
    Embedders fresh = Fixtures.fakeEmbedders();
    try (PaperIndex index = PaperIndex.openForWriting(dir, Indexer.schemaOf(fresh))) {
      Indexer indexer = new Indexer(index, fresh);
      Fixtures.corpus().forEach(indexer::index);
      assertThat(calls(fresh)).isZero();
      assertThat(index.get("p1").orElseThrow().vectors()).containsOnlyKeys(Lang.EN, Lang.ZH);
    }
  }

  @Test
  void changing_one_language_re_embeds_only_that_language() {
    Embedders e = Fixtures.fakeEmbedders();
    try (PaperIndex index = Fixtures.indexedCorpus(dir, e)) {
      Indexer indexer = new Indexer(index, e);
      int enBefore = ((FakeEmbedder) e.en()).calls.get();
      int zhBefore = ((FakeEmbedder) e.zh()).calls.get();
      Paper p1 = Fixtures.corpus().get(0);
      Paper changed = new Paper(p1.id(), p1.title(), p1.authors(), p1.year(), p1.venue(), p1.url(), p1.doi(), p1.abstractEn(), "新的中文摘要：器官分割。", p1.keywords());
      assertThat(indexer.index(changed)).isEqualTo(Indexer.Outcome.UPDATED);
      assertThat(((FakeEmbedder) e.en()).calls.get()).isEqualTo(enBefore);
      assertThat(((FakeEmbedder) e.zh()).calls.get()).isEqualTo(zhBefore + 1);
      index.commit();
      assertThat(index.count()).isEqualTo(5);
      assertThat(index.get("p1").orElseThrow().paper().abstractZh()).isEqualTo("新的中文摘要：器官分割。");
    }
  }

  @Test
  void the_same_id_twice_in_one_run_is_one_paper() {
    Embedders e = Fixtures.fakeEmbedders();
    try (PaperIndex index = PaperIndex.openForWriting(dir, Indexer.schemaOf(e))) {
      Indexer indexer = new Indexer(index, e);
      Paper a = Fixtures.paper("dup", "First title about segmentation", 2020, "Abstract one.", null);
      Paper b = Fixtures.paper("dup", "Second title about detection", 2021, "Abstract two.", null);
      assertThat(indexer.index(a)).isEqualTo(Indexer.Outcome.ADDED);
      assertThat(indexer.index(b)).isEqualTo(Indexer.Outcome.UPDATED);
      index.commit();
      assertThat(index.count()).isEqualTo(1);
      assertThat(index.get("dup").orElseThrow().paper().title()).isEqualTo("Second title about detection");
    }
  }

  /** Merging rebuilds the graphs with a builder per core (as compaction does); every storage. */
  @ParameterizedTest
  @EnumSource(VectorStorage.class)
  void force_merge_leaves_one_segment_with_every_paper_and_the_same_answers(VectorStorage storage) {
    Embedders e = Fixtures.fakeEmbedders();
    try (PaperIndex index = PaperIndex.openForWriting(dir, Indexer.schemaOf(e), storage, PaperIndex.DEFAULT_RAM_BUFFER_MB)) {
      Indexer indexer = new Indexer(index, e);
      for (Paper p : Fixtures.corpus()) {
        indexer.index(p);
        index.commit(); // one segment per commit
      }
      index.delete("p3");
      index.commit();
      assertThat(index.segmentCount()).isGreaterThan(1);
      var search = new io.papersearch.search.SearchService(index, e);
      var request = new io.papersearch.search.SearchRequest(
          "segmentation of organs", io.papersearch.search.SearchMode.HYBRID, null, 10, 0, null, null, false);
      List<String> before = search.search(request).hits().stream().map(h -> h.paper().id()).toList();

      index.forceMerge(1);

      assertThat(index.segmentCount()).isEqualTo(1);
      assertThat(index.count()).isEqualTo(Fixtures.corpus().size() - 1);
      assertThat(index.get("p3")).isEmpty();
      assertThat(search.search(request).hits().stream().map(h -> h.paper().id()).toList()).isEqualTo(before);
      assertThatThrownBy(() -> index.forceMerge(0))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("maxSegments must be >= 1, got 0");
    }
    try (PaperIndex reopened = PaperIndex.openReadOnly(dir, Indexer.schemaOf(e))) {
      assertThat(reopened.segmentCount()).isEqualTo(1); // committed
    }
  }

  @Test
  void opening_an_index_with_other_models_fails_with_both_names() {
    Embedders e = Fixtures.fakeEmbedders();
    Fixtures.indexedCorpus(dir, e).close();
    IndexSchema other = new IndexSchema("other-en", 8, "fake-zh", 4);
    assertThatThrownBy(() -> PaperIndex.openForWriting(dir, other))
        .isInstanceOf(IndexMismatchException.class)
        .hasMessageContaining("was built with en=fake-en (4-d), zh=fake-zh (4-d)")
        .hasMessageContaining("but this run uses en=other-en (8-d)");
    assertThatThrownBy(() -> PaperIndex.openReadOnly(dir, other)).isInstanceOf(IndexMismatchException.class);
  }

  @Test
  void an_index_of_an_older_layout_is_refused_with_both_versions_and_what_to_do() throws Exception {
    Embedders e = Fixtures.fakeEmbedders();
    Fixtures.indexedCorpus(dir, e).close();
    // Rewrite the last commit as a layout-1 index would have written it.
    try (org.apache.lucene.store.Directory d = org.apache.lucene.store.FSDirectory.open(dir);
        org.apache.lucene.index.IndexWriter w =
            new org.apache.lucene.index.IndexWriter(d, new org.apache.lucene.index.IndexWriterConfig())) {
      java.util.Map<String, String> data =
          new java.util.HashMap<>(org.apache.lucene.index.SegmentInfos.readLatestCommit(d).getUserData());
      data.put(IndexSchema.KEY_FORMAT, "1");
      w.setLiveCommitData(data.entrySet());
      w.commit();
    }
    String expected = "index " + dir + " has layout version 1, this papersearch reads versions 2 and 3"
        + "; re-index your papers into a new folder (papersearch index --index NEW_DIR FILE...)";
    assertThatThrownBy(() -> PaperIndex.openForWriting(dir, Indexer.schemaOf(e)))
        .isInstanceOf(IndexMismatchException.class)
        .hasMessage(expected);
    assertThatThrownBy(() -> PaperIndex.openReadOnly(dir, Indexer.schemaOf(e)))
        .isInstanceOf(IndexMismatchException.class)
        .hasMessage(expected);
    assertThat(IndexSchema.FORMAT).isEqualTo("3");
  }

  @Test
  void a_layout_2_index_keeps_its_fields_and_its_keyword_search_when_reopened_and_written() {
    Embedders e = Fixtures.fakeEmbedders();
    var request = new io.papersearch.search.SearchRequest(
        "segmentation", io.papersearch.search.SearchMode.KEYWORD, null, 10, 0, null, null, false);
    List<String> flatHits;
    try (PaperIndex flat = PaperIndex.openForWriting(dir.resolve("flat"), Indexer.schemaOf(e))) {
      Fixtures.corpus().forEach(new Indexer(flat, e)::index);
      flat.commit();
      assertThat(flat.flatText()).isTrue();
      flatHits = new io.papersearch.search.SearchService(flat, e).search(request).hits().stream().map(h -> h.paper().id()).toList();
    }
    Path old = dir.resolve("layout2");
    try (PaperIndex index = PaperIndex.openForWriting(
        old, Indexer.schemaOf(e), null, PaperIndex.DEFAULT_RAM_BUFFER_MB, d -> d, IndexSchema.FORMAT_PER_FIELD)) {
      Fixtures.corpus().forEach(new Indexer(index, e)::index);
      index.commit();
    }
    try (PaperIndex reopened = PaperIndex.openForWriting(old, Indexer.schemaOf(e))) {
      assertThat(reopened.flatText()).isFalse();
      var search = new io.papersearch.search.SearchService(reopened, e);
      // The same papers match (their order may differ: per-field scores are other sums).
      assertThat(search.search(request).hits()).extracting(h -> h.paper().id()).containsExactlyInAnyOrderElementsOf(flatHits);
      new Indexer(reopened, e).index(Fixtures.paper("new-1", "Segmentation of teeth", 2024, "Dental scans.", null));
      reopened.commit();
      assertThat(search.search(request).hits()).extracting(h -> h.paper().id()).contains("new-1");
      int inTextField = reopened.withSearcher(s -> s.count(new org.apache.lucene.search.TermQuery(
          new org.apache.lucene.index.Term(PaperFields.TEXT_EN, "segment"))));
      assertThat(inTextField).isZero();
    }
    try (PaperIndex again = PaperIndex.openReadOnly(old, Indexer.schemaOf(e))) {
      assertThat(again.flatText()).isFalse(); // the commit still says layout 2
    }
  }

  @Test
  void a_second_writer_on_the_same_index_fails_at_once() {
    Embedders e = Fixtures.fakeEmbedders();
    try (PaperIndex first = Fixtures.indexedCorpus(dir, e)) {
      assertThatThrownBy(() -> PaperIndex.openForWriting(dir, Indexer.schemaOf(e)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is in use by another papersearch process");
      // A reader still works beside the writer.
      try (PaperIndex reader = PaperIndex.openReadOnly(dir, Indexer.schemaOf(e))) {
        assertThat(reader.count()).isEqualTo(5);
      }
    }
  }

  @Test
  void a_vector_of_the_wrong_dimension_is_refused() {
    Embedders e = Fixtures.fakeEmbedders();
    try (PaperIndex index = PaperIndex.openForWriting(dir, Indexer.schemaOf(e))) {
      Paper p = Fixtures.paper("x", "T", 2020, "A", null);
      assertThatThrownBy(() -> index.upsert(p, java.util.Map.of(Lang.EN, new float[3]), java.util.Map.of()))
          .hasMessage("paper x: en vector must have 4 dimensions, got 3");
    }
  }

  @Test
  void imported_vectors_are_used_instead_of_the_model(@TempDir Path files) throws Exception {
    Embedders e = Fixtures.fakeEmbedders();
    Path vectors = files.resolve("vectors.jsonl");
    java.nio.file.Files.writeString(vectors, "{\"id\": \"p3\", \"en\": [0, 0, 0, 1]}\n");
    try (PaperIndex index = PaperIndex.openForWriting(dir, Indexer.schemaOf(e))) {
      Indexer indexer = new Indexer(index, e, ImportedVectors.read(vectors, index.schema()));
      indexer.index(Fixtures.corpus().get(2)); // p3: English only
      assertThat(calls(e)).isZero();
      assertThat(index.get("p3").orElseThrow().vectors().get(Lang.EN)).containsExactly(0, 0, 0, 1);
      // Its hash is the text's, so re-indexing without the vectors file embeds nothing either.
      assertThat(new Indexer(index, e).index(Fixtures.corpus().get(2))).isEqualTo(Indexer.Outcome.UNCHANGED);
      assertThat(calls(e)).isZero();
    }
  }

  @Test
  void imported_vectors_of_the_wrong_dimension_are_refused_with_file_and_line(@TempDir Path files) throws Exception {
    Path vectors = files.resolve("vectors.jsonl");
    java.nio.file.Files.writeString(vectors, "{\"id\": \"a\", \"en\": [0, 0, 0, 1]}\n{\"id\": \"b\", \"en\": [1, 2, 3]}\n");
    IndexSchema schema = new IndexSchema("fake-en", 4, "fake-zh", 4);
    assertThatThrownBy(() -> ImportedVectors.read(vectors, schema))
        .hasMessage("vectors.jsonl:2: en vector must be an array of 4 numbers, got 3 values");
  }
}
