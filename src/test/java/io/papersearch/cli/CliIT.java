package io.papersearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The command line with the real models, as a user runs it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {
  @TempDir static Path dir;
  static Path index;
  static Path papers;
  static final String MODELS = System.getProperty("papersearch.models", "models");

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    return runSub(1, args);
  }

  /** Runs a command whose first {@code words} arguments name it ("bench", "scale"), then its options. */
  static Run runSub(int words, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.add(words, "--models=" + MODELS);
    all.add(words, "--cache=" + dir.resolve("cache"));
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Main.run(all.toArray(String[]::new));
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @BeforeAll
  static void files() throws Exception {
    index = dir.resolve("index");
    papers = dir.resolve("papers.jsonl");
    Files.writeString(papers, """
        {"id": "seg-1", "title": "Semi-supervised segmentation of abdominal CT", "abstract": "We segment organs with few labels.", "year": 2022, "authors": ["A. Author"]}
        {"id": "bad", "year": "twenty"
        {"id": "reg-1", "title": "Deformable image registration", "abstract": "我们提出一种可变形医学图像配准方法。", "year": 2021}
        """);
  }

  @Test
  @Order(1)
  void index_reports_added_and_rejected_records_with_file_and_line() {
    Run r = run("index", "--index", index.toString(), papers.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("2 added, 0 updated, 0 unchanged, 1 rejected; index holds 2 papers");
    assertThat(r.out()).contains("rejected papers.jsonl:2: invalid JSON: Unexpected end-of-input: expected close marker for Object (column ");
    assertThat(r.err()).contains("papers.jsonl [").contains("papers/s").contains("ETA");
  }

  @Test
  @Order(2)
  void reindexing_the_same_file_changes_nothing() {
    Run r = run("index", "--index", index.toString(), papers.toString());
    assertThat(r.out()).contains("0 added, 0 updated, 2 unchanged, 1 rejected; index holds 2 papers");
  }

  @Test
  @Order(3)
  void search_prints_results_and_json() throws Exception {
    Run text = run("search", "--index", index.toString(), "segmentation", "with", "few", "labels");
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).contains("1. Semi-supervised segmentation of abdominal CT  [seg-1]");
    Run json = run("search", "--index", index.toString(), "--json", "医学图像配准");
    JsonNode body = new ObjectMapper().readTree(json.out());
    assertThat(body.get("lang").asText()).isEqualTo("zh");
    assertThat(body.get("hits").get(0).get("id").asText()).isEqualTo("reg-1");
    // Filters: only seg-1 has an author, and the match ignores case.
    Run filtered = run("search", "--index", index.toString(), "--json", "--author", "a. AUTHOR", "image segmentation registration");
    assertThat(filtered.exit()).as(filtered.err()).isZero();
    JsonNode hits = new ObjectMapper().readTree(filtered.out()).get("hits");
    assertThat(hits).hasSize(1);
    assertThat(hits.get(0).get("id").asText()).isEqualTo("seg-1");
  }

  @Test
  @Order(4)
  void bad_values_and_missing_files_are_one_line_errors() {
    Run limit = run("search", "--index", index.toString(), "--limit", "0", "x");
    assertThat(limit.exit()).isEqualTo(1);
    assertThat(limit.err().strip()).isEqualTo("papersearch: limit must be between 1 and 100, got 0");
    Path missing = dir.resolve("nope.jsonl");
    Run file = run("index", "--index", index.toString(), missing.toString());
    assertThat(file.exit()).isEqualTo(1);
    assertThat(file.err().strip()).isEqualTo("papersearch: cannot read " + missing + ": no such readable file");
    Run unknownFormat = run("index", "--index", index.toString(), dir.resolve("x.pdf").toString());
    assertThat(unknownFormat.exit()).isEqualTo(1);
    assertThat(unknownFormat.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  @Order(4)
  void compact_merges_the_index_into_one_segment_and_keeps_every_paper() throws Exception {
    Path copy = dir.resolve("compact-index");
    Run first = run("index", "--index", copy.toString(), papers.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    Path more = dir.resolve("more.jsonl");
    Files.writeString(more, "{\"id\": \"ct-1\", \"title\": \"Sparse-view CT reconstruction\", \"abstract\": \"Diffusion priors for CT.\"}\n");
    assertThat(run("index", "--index", copy.toString(), more.toString()).exit()).isZero(); // a second segment

    Run r = run("compact", "--index", copy.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("merging 3 papers in [2-9] segments into 1 ").containsPattern("done in [0-9.]+ s: 1 segment, ");
    assertThat(run("compact", "--index", copy.toString()).out()).contains("has 1 segment already; nothing to merge");
    assertThat(run("search", "--index", copy.toString(), "--json", "sparse view CT").out()).contains("\"ct-1\"", "\"totalHits\"");
    Run bad = run("compact", "--index", copy.toString(), "--segments", "0");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("--segments must be >= 1, got 0").doesNotContain("Exception");
  }

  @Test
  @Order(5)
  void an_index_built_with_other_models_is_refused_by_name() {
    Run r = run("search", "--index", index.toString(), "--model-en", "bge-small-en-v1.5", "x");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("was built with en=bge-small-en-v1.5-q (384-d)").contains("this run uses en=bge-small-en-v1.5 (384-d)");
  }

  @Test
  @Order(6)
  void search_on_a_missing_index_says_how_to_build_one() {
    Run r = run("search", "--index", dir.resolve("empty").toString(), "x");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("no index in").contains("papersearch index FILE");
  }

  @Test
  @Order(7)
  void eval_prints_every_mode_and_writes_trec_runs() throws Exception {
    Path corpus = dir.resolve("beir/corpus.jsonl");
    Files.createDirectories(corpus.getParent());
    Files.writeString(corpus, """
        {"_id": "d1", "title": "Aspirin and heart attacks", "text": "Daily aspirin lowers the risk of myocardial infarction."}
        {"_id": "d2", "title": "Sleep and memory", "text": "Sleep deprivation impairs memory consolidation."}
        {"_id": "d3", "title": "Coffee", "text": "Coffee consumption is associated with lower mortality."}
        """);
    Path queries = dir.resolve("beir/queries.jsonl");
    Files.writeString(queries, """
        {"_id": "q1", "text": "aspirin reduces heart attack risk"}
        {"_id": "q2", "text": "lack of sleep harms memory"}
        {"_id": "q3", "text": "a query without judgments"}
        """);
    Path qrels = dir.resolve("beir/qrels.tsv");
    Files.writeString(qrels, "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n");
    Path run = dir.resolve("run.trec");
    Run r = run("eval", "--index", dir.resolve("eval-index").toString(), "--corpus", corpus.toString(), "--queries", queries.toString(),
        "--qrels", qrels.toString(), "--run", run.toString(), "--semantic-weight", "0.5,0.7", "--fusion", "rrf,convex", "--keyword-depth", "30,100");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("mode       nDCG@10 Recall@10 Recall@100   MRR@10  queries");
    assertThat(r.out()).containsPattern("keyword +1\\.0000 +1\\.0000 +1\\.0000 +1\\.0000 +2");
    assertThat(r.out()).containsPattern("semantic +1\\.0000 +1\\.0000 +1\\.0000 +1\\.0000 +2");
    assertThat(r.out()).contains("rrf(k=60, semanticWeight=0.70, depth=100, keywordDepth=30, crossLingual=0.50)").contains("convex(k=60, semanticWeight=0.50, depth=100, keywordDepth=30, crossLingual=0.50)")
        .contains("convex(k=60, semanticWeight=0.70, depth=100, keywordDepth=100, crossLingual=0.50)");
    List<String> lines = Files.readAllLines(dir.resolve("run.trec.keyword"));
    assertThat(lines.get(0)).matches("q1 Q0 d1 1 [0-9.]+ papersearch-keyword");
  }

  @Test
  @Order(8)
  void bench_prints_every_stage_on_a_small_file() throws Exception {
    Path file = dir.resolve("bench.jsonl");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      sb.append("{\"id\": \"b").append(i).append("\", \"title\": \"Paper ").append(i)
          .append(" on parsing\", \"abstract\": \"We study dependency parsing, case ").append(i).append(".\"}\n");
    }
    Files.writeString(file, sb);
    Run r = run("bench", "--texts", file.toString(), "--count", "4", "--queries", "2");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("(a) raw ONNX Runtime, pre-tokenised").contains("(b) end to end").contains("b/a = ")
        .contains("query embedding (2 titles): p50").contains("hybrid search without embedding, 4 papers: p50");
    Run tooFew = run("bench", "--texts", file.toString(), "--count", "10", "--queries", "10");
    assertThat(tooFew.exit()).isEqualTo(1);
    assertThat(tooFew.err()).contains("has 16 usable papers; need 30");
  }

  @Test
  @Order(9)
  void bench_scale_and_bench_http_measure_a_synthetic_index_then_reuse_it() throws Exception {
    Path file = dir.resolve("scale.jsonl");
    StringBuilder sb = new StringBuilder();
    String[] topics = {"dependency parsing", "machine translation", "speech recognition", "question answering"};
    for (int i = 0; i < 40; i++) {
      String topic = topics[i % topics.length];
      sb.append("{\"id\": \"s").append(i).append("\", \"title\": \"A study of ").append(topic).append(" number ").append(i)
          .append("\", \"abstract\": \"We study ").append(topic).append(" in low-resource settings. ")
          .append("Our method improves strong baselines on several benchmarks. We release code and data. ")
          .append("Experiments on case ").append(i).append(" show consistent gains across languages and domains.\"}\n");
    }
    Files.writeString(file, sb);
    Path scaleIndex = dir.resolve("scale-index");
    String[] args = {"bench", "scale", "--texts", file.toString(), "--papers", "300", "--seed-vectors", "20", "--queries", "5",
        "--index", scaleIndex.toString(), "--vector-storage", "int8"};
    Run built = runSub(2, args);
    assertThat(built.exit()).as(built.err()).isZero();
    assertThat(built.out()).contains("300 papers, int8 vectors").contains("pairwise cosine, real: mean")
        .contains("index: built 300 papers").contains("hybrid").contains("recall@10 against exact search (5 queries")
        .contains("float rescoring").contains("index size:").contains("heap in use after GC");
    Run reused = runSub(2, args);
    assertThat(reused.exit()).as(reused.err()).isZero();
    assertThat(reused.out()).contains("index: reusing");
    Run wrong = runSub(2, "bench", "scale", "--texts", file.toString(), "--papers", "301", "--seed-vectors", "20", "--queries", "5",
        "--index", scaleIndex.toString(), "--vector-storage", "int8");
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.err()).contains("holds 300 papers with int8 vectors, not 301 with int8");

    Run http = runSub(2, "bench", "http", "--texts", file.toString(), "--index", scaleIndex.toString(), "--clients", "2", "--seconds", "1");
    assertThat(http.exit()).as(http.err()).isZero();
    assertThat(http.out()).contains("(1) hybrid search, every question new").contains("(2) mix:")
        .containsPattern("[0-9,]+ requests, 0 errors");

    Run withWrites = runSub(2, "bench", "http", "--texts", file.toString(), "--index", scaleIndex.toString(), "--clients", "2",
        "--seconds", "1", "--writes", "--bulk", "5");
    assertThat(withWrites.exit()).as(withWrites.err()).isZero();
    assertThat(withWrites.out()).contains("(3) mix with writes").contains("(4) searches (as (2)) while POST /papers imports 5 papers")
        .contains("bulk import: HTTP 200").contains("the index holds 300 papers (300 before)")
        .doesNotContain("error:").doesNotContainPattern("[1-9][0-9]* errors");
  }
}
