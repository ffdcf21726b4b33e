package io.papersearch.search;

import io.papersearch.ingest.Lang;
import io.papersearch.ingest.Paper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Fits the best papers for a question into a character budget as a numbered block of citations
 * ({@link ContextBlock}), for prompt stuffing.
 *
 * <p>How the budget is spent: papers are taken in rank order while each one's header line, the
 * separator before it and a minimal excerpt ({@value #MIN_EXCERPT_CHARS} characters, or the whole
 * abstract if shorter) still fit; the first that does not fit ends the block, so the numbering is the
 * ranking and trailing papers are dropped whole. Header lines are never cut. What is left is shared
 * among the excerpts by water-filling: short abstracts are given all they need, the rest split what
 * remains evenly, each shortened by {@link CitationFormatter#excerpt(String, int)}. The text never
 * exceeds the budget.
 *
 * <p>Thread-safe: holds only the (thread-safe) search service.
 */
public final class ContextBuilder {
  /** An excerpt shorter than this tells a model too little to be worth a citation. */
  static final int MIN_EXCERPT_CHARS = 80;

  static final String ENTRY_SEPARATOR = "\n\n";

  private final SearchService search;

  public ContextBuilder(SearchService search) {
    this.search = Objects.requireNonNull(search, "search");
  }

  /** Runs the search and fits its hits into the request's budget. */
  public ContextBlock build(ContextRequest req) {
    long start = System.nanoTime();
    SearchResponse r = search.search(req.search());
    List<Paper> papers = r.hits().stream().map(Hit::paper).toList();
    Fitted fitted = fit(papers, req.search().effectiveLang(), req.maxChars());
    return new ContextBlock(fitted.text(), fitted.citations(), papers.size() - fitted.citations().size(), req.maxChars(),
        r.mode(), r.lang(), (System.nanoTime() - start) / 1_000_000);
  }

  /** A block and the papers it cites. */
  record Fitted(String text, List<ContextBlock.Citation> citations) {}

  /**
   * The block for {@code papers} (best first) within {@code maxChars}, excerpts taken from the
   * abstract in {@code lang} where a paper has one.
   */
  static Fitted fit(List<Paper> papers, Lang lang, int maxChars) {
    List<Entry> entries = new ArrayList<>();
    int used = 0; // separators and headers of the papers taken
    int reserved = 0; // their minimal excerpts, which later headers may not eat into
    for (Paper p : papers) {
      int n = entries.size() + 1;
      String header = CitationFormatter.header(n, p);
      String abs = CitationFormatter.abstractFor(p, lang);
      int fixed = (entries.isEmpty() ? 0 : ENTRY_SEPARATOR.length()) + header.length();
      int minExcerpt = abs == null ? 0 : 1 + Math.min(MIN_EXCERPT_CHARS, abs.length()); // "\n" + excerpt
      if (used + reserved + fixed + minExcerpt > maxChars) {
        break;
      }
      used += fixed;
      reserved += minExcerpt;
      entries.add(new Entry(n, p, header, abs));
    }

    // Water-filling: shortest needs first, each taking at most an even share of what is left.
    String[] excerpts = new String[entries.size()];
    int budget = maxChars - used;
    List<Entry> byNeed = entries.stream().filter(e -> e.abs() != null).sorted(Comparator.comparingInt(Entry::need)).toList();
    int left = byNeed.size();
    for (Entry e : byNeed) {
      int share = budget / left--;
      String excerpt = CitationFormatter.excerpt(e.abs(), Math.min(e.need(), share) - 1);
      excerpts[e.n() - 1] = excerpt;
      budget -= excerpt.isEmpty() ? 0 : 1 + excerpt.length();
    }

    StringBuilder text = new StringBuilder();
    List<ContextBlock.Citation> citations = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      if (!text.isEmpty()) {
        text.append(ENTRY_SEPARATOR);
      }
      text.append(e.header());
      String excerpt = excerpts[e.n() - 1];
      if (excerpt != null && !excerpt.isEmpty()) {
        text.append('\n').append(excerpt);
      }
      citations.add(new ContextBlock.Citation(e.n(), e.paper(), CitationFormatter.link(e.paper())));
    }
    return new Fitted(text.toString(), citations);
  }

  /** One paper being fitted: its number, header line and the abstract its excerpt comes from (or null). */
  private record Entry(int n, Paper paper, String header, String abs) {
    /** Characters the whole abstract would take on its own line. */
    int need() {
      return 1 + abs.length();
    }
  }
}
