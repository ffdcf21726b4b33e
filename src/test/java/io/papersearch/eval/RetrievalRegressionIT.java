package io.papersearch.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.papersearch.embed.Embedders;
import io.papersearch.embed.OnnxEmbedder;
import io.papersearch.index.Indexer;
import io.papersearch.index.PaperIndex;
import io.papersearch.ingest.Paper;
import io.papersearch.ingest.PaperReaders;
import io.papersearch.ingest.PaperSink;
import io.papersearch.ingest.Rejection;
import io.papersearch.search.SearchMode;
import io.papersearch.search.SearchService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retrieval-quality gate: small, deterministic slices of SciFact (English claims → abstracts)
 * and CSL (Chinese title → own abstract), scored in every mode with the real models and compared
 * with the figures pinned in {@code src/test/resources/eval/expected-scores.json}. A drop beyond the
 * tolerance fails the build. Slices are cut from {@code ../shared/data} at test time (nothing is
 * copied into the project); without it the test is skipped with a message.
 */
class RetrievalRegressionIT {
  static final Path DATA = Path.of(System.getProperty("papersearch.sharedData", "../shared/data"));
  static final Path MODELS = Path.of(System.getProperty("papersearch.models", "models"));
  static final int SCIFACT_QUERIES = 60;
  static final int SCIFACT_DOCS = 300;
  static final int CSL_PAPERS = 150;

  @TempDir static Path dir;
  static Embedders embedders;
  static JsonNode expected;

  @BeforeAll
  static void load() throws IOException {
    assumeTrue(Files.isDirectory(DATA.resolve("scifact")) && Files.isDirectory(DATA.resolve("csl")),
        "skipping the retrieval gate: " + DATA + " (scifact, csl) not found");
    // The cache lives under target/: warm after the first local run, cold in CI's clean clone.
    Path cache = Path.of(System.getProperty("papersearch.testCache", "target/embedding-cache"));
    embedders = Embedders.load(MODELS, Embedders.DEFAULT_EN, Embedders.DEFAULT_ZH, OnnxEmbedder.Threads.defaults(), cache);
    try (InputStream in = RetrievalRegressionIT.class.getResourceAsStream("/eval/expected-scores.json")) {
      expected = new ObjectMapper().readTree(in);
    }
  }

  @AfterAll
  static void close() {
    if (embedders != null) {
      embedders.close();
    }
  }

  @Test
  void scifact_slice_scores_do_not_drop() throws IOException {
    Qrels all = Qrels.read(DATA.resolve("scifact/qrels/train.tsv"));
    List<Evaluator.Query> queries = new ArrayList<>();
    Set<String> wanted = new LinkedHashSet<>();
    for (Evaluator.Query q : Evaluator.readQueries(DATA.resolve("scifact/queries-train.jsonl"))) {
      if (queries.size() < SCIFACT_QUERIES && all.hasRelevant(q.id())) {
        queries.add(q);
        wanted.addAll(all.judged(q.id()).keySet());
      }
    }
    List<Paper> docs = new ArrayList<>();
    List<Paper> fillers = new ArrayList<>();
    read(DATA.resolve("scifact/corpus.jsonl"), p -> (wanted.contains(p.id()) ? docs : fillers).add(p));
    docs.addAll(fillers.subList(0, SCIFACT_DOCS - docs.size()));
    check("scifact-slice", docs, queries, all);
  }

  @Test
  void csl_title_to_abstract_slice_scores_do_not_drop() throws IOException {
    Evaluator.Collection all = Evaluator.titleLookup(DATA.resolve("csl/csl-dev.jsonl"));
    check("csl-slice", all.documents().subList(0, CSL_PAPERS), all.queries().subList(0, CSL_PAPERS), all.qrels());
  }

  private void check(String name, List<Paper> docs, List<Evaluator.Query> queries, Qrels qrels) {
    JsonNode pinned = expected.get(name);
    double tolerance = expected.get("tolerance").asDouble();
    try (PaperIndex index = PaperIndex.openForWriting(dir.resolve(name), Indexer.schemaOf(embedders))) {
      Indexer indexer = new Indexer(index, embedders);
      docs.forEach(indexer::index);
      index.commit();
      Evaluator evaluator = new Evaluator(new SearchService(index, embedders));
      for (SearchMode mode : SearchMode.values()) {
        Evaluator.Scores s = evaluator.evaluate(mode, queries, qrels, null);
        System.out.printf(Locale.ROOT, "%s %-8s nDCG@10 %.4f  Recall@100 %.4f  MRR@10 %.4f  (%d queries, %d docs)%n",
            name, mode.wire(), s.ndcg10(), s.recall100(), s.mrr10(), s.queries(), docs.size());
        JsonNode want = pinned.get(mode.wire());
        assertThat(s.ndcg10()).as("%s %s nDCG@10", name, mode.wire()).isGreaterThanOrEqualTo(want.get("ndcg10").asDouble() - tolerance);
        assertThat(s.recall100()).as("%s %s Recall@100", name, mode.wire()).isGreaterThanOrEqualTo(want.get("recall100").asDouble() - tolerance);
        assertThat(s.mrr10()).as("%s %s MRR@10", name, mode.wire()).isGreaterThanOrEqualTo(want.get("mrr10").asDouble() - tolerance);
      }
    }
  }

  private static void read(Path file, java.util.function.Consumer<Paper> each) throws IOException {
    PaperReaders.forFile(file).read(file, new PaperSink() {
      @Override
      public void accept(Paper paper, int line) {
        each.accept(paper);
      }

      @Override
      public void reject(Rejection rejection) {
        throw new AssertionError("test data must read cleanly: " + rejection);
      }
    });
  }
}
