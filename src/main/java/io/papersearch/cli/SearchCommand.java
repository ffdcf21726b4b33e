package io.papersearch.cli;

import io.papersearch.search.Filters;
import io.papersearch.search.Hit;
import io.papersearch.search.HitField;
import io.papersearch.search.ResponseJson;
import io.papersearch.search.SearchMode;
import io.papersearch.search.SearchRequest;
import io.papersearch.search.SearchResponse;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code papersearch search QUERY}: search from the terminal (works beside a running server). */
@Command(name = "search", description = "Search the index and print the results.")
final class SearchCommand implements Callable<Integer> {

  @Mixin CommonOptions opts;

  @Parameters(arity = "1..*", paramLabel = "QUERY", description = "The question, in English or Chinese.")
  List<String> words;

  @Option(names = "--limit", defaultValue = "10", description = "Results to show (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--offset", defaultValue = "0", description = "Results to skip.")
  int offset;

  @Option(names = "--mode", defaultValue = "hybrid", description = "keyword, semantic or hybrid (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--lang", defaultValue = "auto", description = "en, zh or auto (default: ${DEFAULT-VALUE}).")
  String lang;

  @Option(names = "--year-from", description = "Smallest year.")
  Integer yearFrom;

  @Option(names = "--year-to", description = "Largest year.")
  Integer yearTo;

  @Option(names = "--venue", description = "Only this venue (whole name; case and accents ignored).")
  String venue;

  @Option(names = "--author", description = "Only papers by this author (full name; case and accents ignored).")
  String author;

  @Option(names = "--author-prefix", description = "Only papers with an author whose name, or a part of it, starts with this.")
  String authorPrefix;

  @Option(names = "--keyword", description = "Only papers with this keyword (whole keyword; case ignored).")
  String keyword;

  @Option(names = "--json", description = "Print the response as JSON (the HTTP API's shape).")
  boolean json;

  @Option(names = "--explain", description = "Show each hit's rank and score in each leg.")
  boolean explain;

  @Override
  public Integer call() {
    SearchRequest req =
        new SearchRequest(
            String.join(" ", words), SearchMode.parse(mode), SearchRequest.parseLang(lang), limit, offset,
            new Filters(yearFrom, yearTo, venue, author, authorPrefix, keyword), explain, Set.of(), HitField.ALL, false);
    try (Engine engine = Engine.open(opts, false)) {
      SearchResponse r = engine.search.search(req);
      PrintStream out = System.out;
      if (json) {
        out.println(ResponseJson.write(ResponseJson.response(r)));
        return 0;
      }
      out.printf(Locale.ROOT, "%d hits (%s, %s) in %d ms%n", r.totalHits(), r.mode(), r.lang(), r.tookMs());
      int rank = r.offset();
      for (Hit h : r.hits()) {
        var p = h.paper();
        out.printf(Locale.ROOT, "%3d. %s  [%s]%n", ++rank, p.title() == null ? "(untitled)" : p.title(), p.id());
        out.printf(
            Locale.ROOT,
            "     %s%s  score %.4f%n",
            p.year() == null ? "" : p.year() + "  ",
            abbreviate(String.join(", ", p.authors()), 80),
            h.score());
        if (p.url() != null) {
          out.println("     " + p.url());
        }
        if (h.explain() != null) {
          out.println("     " + h.explain());
        }
      }
      return 0;
    }
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
